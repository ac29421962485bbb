using System.Globalization;
using System.Text.Json;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;

namespace RefundBot.Dialogs.Cases;

/// <summary>
/// The e-mails a case's customer is sent when something happens after they left the chat: each is an outbox record
/// committed with the turn that made it happen (so never for a turn that lost its race, and still after a crash),
/// carried out after the turn's replies by the host's e-mail handler, which sends each (case, event) once.
/// A case without an address (none given, declined, or erased) enqueues nothing.
/// </summary>
public static class CaseNotifications
{
    public const string RecordKind = "email.notify";

    /// <summary>The support window ended: "is it working now?" waits in the chat.</summary>
    public const string FollowUpDue = "follow-up-due";

    /// <summary>An agent recorded a decision on the case.</summary>
    public const string AgentDecision = "agent-decision";

    /// <summary>The case was decided after waiting (for support's window, or a verification).</summary>
    public const string Decided = "decided";

    /// <summary>The refund was requested from the payment system, or carried out.</summary>
    public const string RefundPending = "refund-pending";

    public const string Refunded = "refunded";

    /// <summary>The payment system refused or cancelled the refund.</summary>
    public const string RefundFailed = "refund-failed";

    public static readonly IReadOnlyList<string> All = [FollowUpDue, AgentDecision, Decided, RefundPending, Refunded, RefundFailed];

    /// <summary>What the e-mail handler is told: the case, what happened, and the event's identity (its idempotency key).</summary>
    public sealed record Notice(string CaseId, string Notification, string EventId);

    /// <summary>
    /// Records, in <paramref name="turn"/>'s unit of work, that <paramref name="refundCase"/>'s customer is to be told
    /// of <paramref name="notification"/>. The event is identified by the case's history at this point (and the
    /// follow-up by its due time), so a turn that runs again enqueues the same event, which the handler sends once.
    /// </summary>
    public static void Notify(TurnContext turn, RefundCase refundCase, string notification)
    {
        if (string.IsNullOrEmpty(refundCase.ContactEmail))
        {
            return;
        }

        var eventId = notification == FollowUpDue && refundCase.WaitingUntil is { } until
            ? string.Create(CultureInfo.InvariantCulture, $"{notification}-{until.UtcTicks}")
            : string.Create(CultureInfo.InvariantCulture, $"{notification}-{refundCase.History.Count}");
        turn.Work.EnqueueAfterReplies(new OutboxRecord
        {
            Kind = RecordKind,
            ConversationKey = refundCase.ConversationKey,
            Reference = refundCase.Reference ?? ConversationReference.From(turn.Activity),
            ActivityId = turn.Activity.Id,
            Value = JsonSerializer.SerializeToElement(new Notice(refundCase.Id, notification, eventId), ActivityJson.Options),
        });
    }
}
