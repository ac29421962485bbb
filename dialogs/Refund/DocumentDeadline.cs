using System.Text.Json;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// A document the customer sends "later" is awaited on the case until the policy's window closes
/// (<see cref="RefundCase.AwaitedDocument"/>); <see cref="FollowUpScheduler"/> finds the case due then, like a
/// troubleshooting follow-up, and sends <see cref="Event"/> into the conversation's queue. That turn ends the open
/// request for the file with <see cref="DocumentPrompt.Deadline"/>: the document is missing and the policy decides.
/// A file that came first answered the question and ended the wait, so nothing is sent.
/// </summary>
internal static class DocumentDeadline
{
    public const string Event = "refundbot.documentDue";

    /// <summary>The deadline turn's activity id: one per case and fact, so several instances run it once.</summary>
    public static string ActivityId(RefundCase refundCase) => $"document-due/{refundCase.Id}/{refundCase.AwaitedDocument?.FactId}";

    /// <summary>The case waits for the fact's file until <paramref name="closesAt"/>, recorded in the turn's unit of work.</summary>
    public static async Task AwaitAsync(CaseStore cases, TurnContext turn, string? caseId, string factId, DateTimeOffset closesAt, CancellationToken cancellationToken)
    {
        if (caseId is not null && await cases.FindAsync(turn, caseId, cancellationToken) is { } refundCase
            && refundCase.AwaitedDocument != new AwaitedDocument(factId, closesAt))
        {
            cases.Save(turn, refundCase.Note(CaseActor.Customer, turn.Now, $"will send the document {factId} later; the window closes {closesAt:O}") with
            {
                AwaitedDocument = new AwaitedDocument(factId, closesAt),
            });
        }
    }

    /// <summary>The document's question is answered (a file, or the window closed): the case waits for it no more.</summary>
    public static async Task StopAwaitingAsync(CaseStore cases, TurnContext turn, string? caseId, CancellationToken cancellationToken)
    {
        if (caseId is not null && await cases.FindAsync(turn, caseId, cancellationToken) is { AwaitedDocument: not null } refundCase)
        {
            cases.Save(turn, refundCase with { AwaitedDocument = null });
        }
    }

    /// <summary>
    /// The deadline turn: when the conversation still asks for the case's document, the request for it ends with
    /// <see cref="DocumentPrompt.Deadline"/> and the eligibility dialog decides without it; otherwise (the customer
    /// moved on, or the file came) the wait is simply ended.
    /// </summary>
    public static async Task OnDueAsync(CaseStore cases, DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        if (CaseIdOf(turn.Activity) is not { } caseId || await cases.FindAsync(turn, caseId, cancellationToken) is not { AwaitedDocument: not null } refundCase)
        {
            return;
        }

        var asking = EligibilityDialog.AsksForDocument(dc) && EligibilityDialog.CaseOf(dc) == caseId;
        if (!asking)
        {
            cases.Save(turn, refundCase with { AwaitedDocument = null });
            return;
        }

        await dc.EndDialogAsync(JsonValue.Create(DocumentPrompt.Deadline), cancellationToken);
    }

    private static string? CaseIdOf(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("caseId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    /// <summary>
    /// Until when the customer may send the file, in their own zone: "the end of March 25, 2026" when the window
    /// closes at their midnight, else the instant itself ("March 25, 2026 at 6:00 PM").
    /// </summary>
    public static (string Key, string Value) Until(TurnContext turn, CustomerClock clock, DateTimeOffset closesAt)
    {
        var local = TimeZoneInfo.ConvertTime(closesAt, clock.ZoneOf(turn));
        return local.TimeOfDay == TimeSpan.Zero
            ? ("document.later", DatePrompt.InWords(turn, DateOnly.FromDateTime(local.DateTime).AddDays(-1)))
            : ("document.laterAt", CustomerDates.Format(local, turn.Text("format.dateTime"), turn.Culture));
    }
}
