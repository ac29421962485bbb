using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// Announces a new hand-off to the support team (<see cref="IEscalationNotifier"/>, the Teams support channel) from the
/// outbox record committed with its ticket: after the commit, never for a turn that lost its race, and after a crash
/// still (at least once: a support channel, which starts a new thread per announcement, may see one twice). A ticket
/// gone by then (the customer left the queue, an agent already handed it back) is not announced.
/// </summary>
public sealed class HandoffAnnouncementHandler(HandoffQueue queue, CaseStore cases, IEscalationNotifier notifier) : IOutboxHandler
{
    public const string RecordKind = "handoff.announce";

    public string Kind => RecordKind;

    public string DestinationOf(OutboxRecord record) => "support-channel";

    public static OutboxRecord RecordFor(HandoffTicket ticket) => new()
    {
        Kind = RecordKind,
        ConversationKey = ticket.ConversationKey,
        Reference = ticket.Reference,
    };

    public async Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken)
    {
        if (await queue.FindAsync(record.ConversationKey, cancellationToken) is not { } ticket)
        {
            return;
        }

        var refundCase = ticket.CaseId is null ? null : await cases.FindAsync(ticket.CaseId, cancellationToken);
        await notifier.NotifyAsync(ticket, refundCase, cancellationToken);
    }
}
