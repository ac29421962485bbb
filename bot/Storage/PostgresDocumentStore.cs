using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Storage;

/// <summary>
/// The scale-out store: one PostgreSQL table shared by every instance of the bot. Each document is a row
/// (key, json, etag, updated_at, indexed, indexed_by); an ETag check is part of the statement that writes (INSERT … ON
/// CONFLICT DO NOTHING to create, UPDATE … WHERE etag = @expected to replace), so compare-and-swap is atomic across
/// instances without locks held between statements. Keys use the "C" collation: listing by prefix is an index range
/// scan, in the same ordinal order as the other stores. Each <see cref="DocumentIndex"/> is a property of the row's
/// "indexed" JSONB column, written by the same statement as the document (so it is never behind it), with a partial
/// expression index on it in the "C" collation, created by <see cref="MigrateAsync"/>.
/// </summary>
public sealed class PostgresDocumentStore(NpgsqlDataSource dataSource, IReadOnlyList<DocumentIndex>? indexes = null) : IDocumentStore
{
    public const string Table = "refundbot_documents";
    private const int MigrationBatch = 500;
    private const string NoIndexValues = "'{}'";
    private readonly IReadOnlyList<DocumentIndex> _indexes = indexes ?? DocumentIndexes.All;
    private readonly string _signature = DocumentIndex.Signature(indexes ?? DocumentIndexes.All);

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
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredDocument>> FindRangeAsync(
        DocumentIndex index, string from, string to, int limit, bool descending = false, CancellationToken cancellationToken = default)
    {
        // The expression is spelled as in the index (the name inline, not a parameter) so that the planner uses it.
        var value = IndexedValue(index);
        await using var command = dataSource.CreateCommand($"""
            SELECT key, json, etag FROM {Table}
            WHERE {value} BETWEEN $1 AND $2
            ORDER BY {value} {(descending ? "DESC" : "ASC")}, key {(descending ? "DESC" : "ASC")}
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, limit) });
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>
    /// Creates the table (or brings an older one up to date), an index for each <see cref="DocumentIndex"/>, and indexes
    /// the rows written before those indexes were declared, in batches. Instances starting together take an advisory
    /// lock, so only one of them runs the DDL at a time.
    /// </summary>
    public static async Task MigrateAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<DocumentIndex>? indexes = null, CancellationToken cancellationToken = default)
    {
        indexes ??= DocumentIndexes.All;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var createIndexes = string.Concat(indexes.Select(i =>
                $"CREATE INDEX IF NOT EXISTS {Table}_ix_{i.Name.Replace('-', '_')} ON {Table} ({IndexedValue(i)}, key) WHERE {IndexedValue(i)} IS NOT NULL;\n"));
            await using var command = new NpgsqlCommand($"""
                SELECT pg_advisory_xact_lock(7460119);
                CREATE TABLE IF NOT EXISTS {Table} (
                    key text COLLATE "C" PRIMARY KEY,
                    json text NOT NULL,
                    etag text NOT NULL);
                ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
                ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS indexed jsonb NOT NULL DEFAULT {NoIndexValues};
                ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS indexed_by text;
                {createIndexes}
                """, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await new PostgresDocumentStore(dataSource, indexes).IndexOlderRowsAsync(cancellationToken);
    }

    /// <summary>
    /// One pass in key order over the rows indexed under another set of indexes (or none). Each row is updated only if
    /// it is still the version read: a row written meanwhile was indexed by its writer.
    /// </summary>
    private async Task IndexOlderRowsAsync(CancellationToken cancellationToken)
    {
        var after = "";
        while (true)
        {
            await using var select = dataSource.CreateCommand(
                $"SELECT key, json, etag FROM {Table} WHERE key > $1 AND indexed_by IS DISTINCT FROM $2 ORDER BY key LIMIT {MigrationBatch}");
            select.Parameters.Add(new NpgsqlParameter { Value = after });
            select.Parameters.Add(new NpgsqlParameter { Value = _signature });
            var rows = await ReadAllAsync(select, cancellationToken);
            if (rows.Count == 0)
            {
                return;
            }

            foreach (var row in rows)
            {
                await using var update = dataSource.CreateCommand($"UPDATE {Table} SET indexed = $4, indexed_by = $5 WHERE key = $1 AND json = $2 AND etag = $3");
                update.Parameters.Add(new NpgsqlParameter { Value = row.Key });
                update.Parameters.Add(new NpgsqlParameter { Value = row.Json });
                update.Parameters.Add(new NpgsqlParameter { Value = row.ETag });
                AddIndexValues(update, row.Key, row.Json);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            after = rows[^1].Key;
        }
    }

    /// <summary>
    /// The one routine that writes or removes a document, with its ETag check in the statement; returns the new ETag.
    /// With an ETag, a delete removes only that version; a document that is gone (a concurrent delete included, which
    /// this statement's snapshot may not see yet, hence the second look) is not a conflict, as in the other stores.
    /// </summary>
    private async Task<string> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, DocumentWrite write, CancellationToken cancellationToken)
    {
        var etag = write.IsDelete ? "" : ETags.New();
        var sql = (write.IsDelete, write.ExpectedETag) switch
        {
            (true, ETags.Any) => $"DELETE FROM {Table} WHERE key = $1",
            (true, _) => $"DELETE FROM {Table} WHERE key = $1 AND etag = $2",
            (false, ETags.Any) => $"""
                INSERT INTO {Table} (key, json, etag, indexed, indexed_by) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (key) DO UPDATE SET json = excluded.json, etag = excluded.etag, updated_at = now(),
                    indexed = excluded.indexed, indexed_by = excluded.indexed_by
                """,
            (false, null) => $"INSERT INTO {Table} (key, json, etag, indexed, indexed_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING",
            (false, _) => $"UPDATE {Table} SET json = $2, etag = $3, updated_at = now(), indexed = $4, indexed_by = $5 WHERE key = $1 AND etag = $6",
        };
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = write.Key });
        if (!write.IsDelete)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = write.Json });
            command.Parameters.Add(new NpgsqlParameter { Value = etag });
            AddIndexValues(command, write.Key, write.Json!);
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

    /// <summary>Adds the document's index values (JSONB) and the signature of the indexes they were computed under.</summary>
    private void AddIndexValues(NpgsqlCommand command, string key, string json)
    {
        var values = DocumentIndex.ValuesOf(_indexes, key, json);
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(values), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = _signature });
    }

    private static string IndexedValue(DocumentIndex index) => $"((indexed ->> '{index.Name.Replace("'", "''", StringComparison.Ordinal)}') COLLATE \"C\")";

    private static async Task<IReadOnlyList<StoredDocument>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<StoredDocument>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new StoredDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return found;
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
