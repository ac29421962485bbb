using System.Text.Json;
using RefundBot.Dialogs.Runtime.Outbox;

namespace RefundBot.Dialogs.Runtime.Transcripts;

/// <summary>
/// Shows a committed turn's transcript lines on the agent desk, from the outbox record the turn committed
/// (<see cref="TranscriptLog.Publish"/>): at least once, so a desk may be shown a line twice after a crash, never a
/// line of a turn that was not committed.
/// </summary>
public sealed class TranscriptLinesHandler(IEnumerable<ITranscriptObserver> observers) : IOutboxHandler
{
    public string Kind => OutboxKinds.Transcript;

    public string DestinationOf(OutboxRecord record) => "agent-desk";

    public async Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken)
    {
        var lines = record.Value?.Deserialize<List<TranscriptEntry>>(ActivityJson.Options) ?? [];
        foreach (var observer in observers)
        {
            await observer.AppendedAsync(record.ConversationKey, lines, cancellationToken);
        }
    }
}
