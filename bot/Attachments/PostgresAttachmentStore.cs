using Npgsql;
using NpgsqlTypes;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// Files in PostgreSQL (bytea), shared by every instance: one row per conversation and content hash in
/// <c>refundbot_attachments</c>, created by <see cref="MigrateAsync"/>. A second write of the same file does nothing
/// (ON CONFLICT DO NOTHING).
/// </summary>
public sealed class PostgresAttachmentStore(NpgsqlDataSource dataSource) : IAttachmentStore
{
    public const string Table = "refundbot_attachments";

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            CREATE TABLE IF NOT EXISTS {Table} (
                conversation_key text COLLATE "C" NOT NULL,
                sha256 text NOT NULL,
                name text NOT NULL,
                media_type text NOT NULL,
                size bigint NOT NULL,
                stored_at timestamptz NOT NULL,
                content bytea NOT NULL,
                PRIMARY KEY (conversation_key, sha256));
            CREATE INDEX IF NOT EXISTS {Table}_stored_at ON {Table} (stored_at);
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task PutAsync(StoredAttachmentInfo info, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {Table} (conversation_key, sha256, name, media_type, size, stored_at, content)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = info.ConversationKey });
        command.Parameters.Add(new NpgsqlParameter { Value = info.Sha256 });
        command.Parameters.Add(new NpgsqlParameter { Value = info.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = info.MediaType });
        command.Parameters.Add(new NpgsqlParameter { Value = info.Size });
        command.Parameters.Add(new NpgsqlParameter { Value = info.StoredAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = content.ToArray(), NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredAttachmentInfo?> FindAsync(string conversationKey, string sha256, CancellationToken cancellationToken) =>
        (await QueryInfoAsync($"WHERE conversation_key = $1 AND sha256 = $2", [conversationKey, sha256], cancellationToken)).FirstOrDefault();

    public async Task<byte[]?> ReadAsync(string conversationKey, string sha256, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT content FROM {Table} WHERE conversation_key = $1 AND sha256 = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = conversationKey });
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public Task<IReadOnlyList<StoredAttachmentInfo>> ListAsync(string conversationKey, CancellationToken cancellationToken) =>
        QueryInfoAsync("WHERE conversation_key = $1 ORDER BY stored_at, sha256", [conversationKey], cancellationToken);

    public async Task<int> DeleteConversationAsync(string conversationKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {Table} WHERE conversation_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = conversationKey });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {Table} WHERE stored_at < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = olderThan.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<StoredAttachmentInfo>> QueryInfoAsync(string where, string[] values, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT conversation_key, sha256, name, media_type, size, stored_at FROM {Table} {where}");
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var found = new List<StoredAttachmentInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new StoredAttachmentInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero)));
        }

        return found;
    }
}
