using System.Globalization;
using Npgsql;
using RefundBot.Bot.Channels.DirectLine;

namespace RefundBot.Bot.ScaleOut;

/// <summary>
/// The Direct Line backplane over PostgreSQL LISTEN/NOTIFY: an instance that stores an activity notifies the channel
/// <see cref="Channel"/> with "{instance} {conversation} {sequence}"; every other instance (see
/// <see cref="PostgresDirectLineListener"/>) reads that activity from the shared store and pushes it to its own live
/// clients. A notification is sent when the storing transaction has committed, so the activity is there to read.
/// </summary>
public sealed class PostgresDirectLineBackplane(NpgsqlDataSource dataSource) : IDirectLineBackplane
{
    public const string Channel = "refundbot_directline";

    /// <summary>Who this instance is, so it ignores its own notifications.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public async Task AnnounceAsync(string conversationId, int sequence)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = Channel });
        command.Parameters.Add(new NpgsqlParameter { Value = $"{InstanceId} {conversationId} {sequence.ToString(CultureInfo.InvariantCulture)}" });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The conversation and sequence of another instance's notification; null for this instance's own or a malformed one.</summary>
    public (string ConversationId, int Sequence)? Parse(string payload)
    {
        var parts = payload.Split(' ');
        return parts.Length == 3 && parts[0] != InstanceId && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? (parts[1], sequence)
            : null;
    }
}
