using System.Text.Json;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// Tells the support team that a case is theirs to solve before a deadline (the policy gives support time, e.g. Smarters
/// Pro's 48 hours), from the outbox record committed with the case's move to waiting-for-support: the customer is told
/// "our support team takes over" in the same turn, and the team hears of it after the commit, even after a crash. A case
/// no longer waiting by then (solved, withdrawn) is not announced.
/// </summary>
public sealed class SupportTaskAnnouncementHandler(CaseStore cases, IEscalationNotifier notifier) : IOutboxHandler
{
    public const string RecordKind = "support-task.announce";

    public string Kind => RecordKind;

    public string DestinationOf(OutboxRecord record) => "support-channel";

    public static OutboxRecord RecordFor(RefundCase refundCase, ConversationReference reference) => new()
    {
        Kind = RecordKind,
        ConversationKey = refundCase.ConversationKey,
        Reference = reference,
        Value = JsonSerializer.SerializeToElement(new { caseId = refundCase.Id }),
    };

    public async Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken)
    {
        if (record.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("caseId", out var id)
            && await cases.FindAsync(id.GetString()!, cancellationToken) is { Status: CaseStatus.WaitingForSupport } waiting)
        {
            await notifier.NotifySupportTaskAsync(waiting, cancellationToken);
        }
    }
}
