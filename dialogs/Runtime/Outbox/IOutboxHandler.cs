namespace RefundBot.Dialogs.Runtime.Outbox;

/// <summary>Carries out the committed outbox records of one <see cref="Kind"/>. Runs at least once per record: it must be safe to repeat.</summary>
public interface IOutboxHandler
{
    string Kind { get; }

    /// <summary>The destination whose concurrency limit the record counts against (a serviceUrl's host, say).</summary>
    string DestinationOf(OutboxRecord record);

    Task CarryOutAsync(OutboxRecord record, CancellationToken cancellationToken);
}
