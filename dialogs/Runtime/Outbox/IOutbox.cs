namespace RefundBot.Dialogs.Runtime.Outbox;

/// <summary>A committed outbox record and its document key.</summary>
public sealed record PendingOutboxRecord(string Key, OutboxRecord Record);

/// <summary>Where <see cref="TurnProcessor"/> hands a turn's outbox records once they are committed.</summary>
public interface IOutbox
{
    /// <summary>
    /// Starts carrying out <paramref name="records"/> (in order, after the conversation's earlier ones) and returns at
    /// once; the task it returns ends when they are all carried out, or given up as dead letters, and never faults. Their
    /// records' deletes may still be under way then: the answer does not wait for them.
    /// </summary>
    /// <param name="live">The delivery of the channel the turn came from (replies go there while the turn's request is live).</param>
    Task Dispatch(IReadOnlyList<PendingOutboxRecord> records, IReplyDelivery? live);
}
