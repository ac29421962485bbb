namespace RefundBot.Dialogs.Runtime.Outbox;

/// <summary>Carries out the committed outbox records of one <see cref="Kind"/>. Runs at least once per record: it must be safe to repeat.</summary>
public interface IOutboxHandler
{
    string Kind { get; }

    /// <summary>The destination whose concurrency limit the record counts against (a serviceUrl's host, say).</summary>
    string DestinationOf(OutboxRecord record);

    /// <param name="live">The channel's delivery of the turn that committed the record; null when the record is carried out after a restart.</param>
    Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken);

    /// <summary>
    /// The record failed every attempt and is given up (a dead letter, deleted after this): what the handler must still
    /// do about it so that nothing is left waiting in silence (a refund moves to refund-failed). Nothing by default.
    /// </summary>
    Task GiveUpAsync(OutboxRecord record, Exception failure, CancellationToken cancellationToken) => Task.CompletedTask;
}
