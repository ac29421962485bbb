using Npgsql;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Storage;

/// <summary>
/// The scale-out store: one PostgreSQL table shared by every instance of the bot. Each document is a row
/// (key, json, etag, updated_at); an ETag check is part of the statement that writes (INSERT … ON CONFLICT DO NOTHING
/// to create, UPDATE … WHERE etag = @expected to replace), so compare-and-swap is atomic across instances without
/// locks held between statements. Keys use the "C" collation: listing by prefix is an index range scan, in the same
/// ordinal order as the other stores.
/// </summary>
public sealed class PostgresDocumentStore(NpgsqlDataSource dataSource) : IDocumentStore
{
    public const string Table = "refundbot_documents";

    public async Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT json, etag FROM {Table} WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredDocument(key, reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var etag = ETags.New();
        var sql = expectedETag switch
        {
            ETags.Any => $"""
                INSERT INTO {Table} (key, json, etag) VALUES ($1, $2, $3)
                ON CONFLICT (key) DO UPDATE SET json = excluded.json, etag = excluded.etag, updated_at = now()
                """,
            null => $"INSERT INTO {Table} (key, json, etag) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
            _ => $"UPDATE {Table} SET json = $2, etag = $3, updated_at = now() WHERE key = $1 AND etag = $4",
        };
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = json });
        command.Parameters.Add(new NpgsqlParameter { Value = etag });
        if (expectedETag is not (null or ETags.Any))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = expectedETag });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? etag : throw new ETagConflictException(key);
    }

    public async Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default)
    {
        // With an ETag, only that version goes. A document that is gone (a concurrent delete included, which this
        // statement's snapshot may not see yet, hence the second look) is not a conflict, as in the other stores.
        await using var command = dataSource.CreateCommand(expectedETag == ETags.Any
            ? $"DELETE FROM {Table} WHERE key = $1"
            : $"DELETE FROM {Table} WHERE key = $1 AND etag = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        if (expectedETag != ETags.Any)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = expectedETag });
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0 && expectedETag != ETags.Any && await ReadAsync(key, cancellationToken) is not null)
        {
            throw new ETagConflictException(key);
        }
    }

    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($@"SELECT key, json, etag FROM {Table} WHERE key LIKE $1 ESCAPE '\' ORDER BY key");
        command.Parameters.Add(new NpgsqlParameter { Value = EscapeLike(keyPrefix) + "%" });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<StoredDocument>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new StoredDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return found;
    }

    /// <summary>
    /// Creates the table (or brings an older one up to date). Instances starting together take an advisory lock, so
    /// only one of them runs the DDL at a time.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock(7460119);
            CREATE TABLE IF NOT EXISTS {Table} (
                key text COLLATE "C" PRIMARY KEY,
                json text NOT NULL,
                etag text NOT NULL);
            ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
            """, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
