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

    public async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default) =>
        (await CommitAsync([DocumentWrite.Put(key, json, expectedETag)], cancellationToken))[0];

    public Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default) =>
        CommitAsync([DocumentWrite.Delete(key, expectedETag)], cancellationToken);

    /// <summary>
    /// One write is one statement (autocommit); several are one transaction, each through the same statement, rolled
    /// back whole at the first conflict or error.
    /// </summary>
    public async Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (writes.Count == 1)
        {
            return [await ApplyAsync(connection, null, writes[0], cancellationToken)];
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var etags = new string[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            etags[i] = await ApplyAsync(connection, transaction, writes[i], cancellationToken); // a throw disposes: rollback
        }

        await transaction.CommitAsync(cancellationToken);
        return etags;
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

    /// <summary>
    /// The one routine that writes or removes a document, with its ETag check in the statement; returns the new ETag.
    /// With an ETag, a delete removes only that version; a document that is gone (a concurrent delete included, which
    /// this statement's snapshot may not see yet, hence the second look) is not a conflict, as in the other stores.
    /// </summary>
    private static async Task<string> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, DocumentWrite write, CancellationToken cancellationToken)
    {
        var etag = write.IsDelete ? "" : ETags.New();
        var sql = (write.IsDelete, write.ExpectedETag) switch
        {
            (true, ETags.Any) => $"DELETE FROM {Table} WHERE key = $1",
            (true, _) => $"DELETE FROM {Table} WHERE key = $1 AND etag = $2",
            (false, ETags.Any) => $"""
                INSERT INTO {Table} (key, json, etag) VALUES ($1, $2, $3)
                ON CONFLICT (key) DO UPDATE SET json = excluded.json, etag = excluded.etag, updated_at = now()
                """,
            (false, null) => $"INSERT INTO {Table} (key, json, etag) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
            (false, _) => $"UPDATE {Table} SET json = $2, etag = $3, updated_at = now() WHERE key = $1 AND etag = $4",
        };
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = write.Key });
        if (!write.IsDelete)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = write.Json });
            command.Parameters.Add(new NpgsqlParameter { Value = etag });
        }

        if (write.ExpectedETag is not (null or ETags.Any))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = write.ExpectedETag });
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return etag;
        }

        if (write.IsDelete && (write.ExpectedETag == ETags.Any || !await ExistsAsync(connection, transaction, write.Key, cancellationToken)))
        {
            return etag;
        }

        throw new ETagConflictException(write.Key);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT 1 FROM {Table} WHERE key = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
