using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// "how will the team contact me?" / "l'équipe va me contacter comment ?" while support has the case: answered from the
/// case, truthfully (the team works on its side; the bot comes back in this conversation at the deadline), rather than
/// searched for in the policy text, which does not know this case. Elsewhere the question goes on to the policy.
/// </summary>
internal sealed class ContactQuestionInterruption(IntentPhrases intents, CaseStore cases, CustomerClock clock) : IInterruption
{
    public async Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        if (!intents.Mentions(IntentPhrases.ContactQuestion, foldedText)
            || TalkToPersonInterruption.CaseOf(dc) is not { } caseId
            || await cases.FindAsync(dc.Turn, caseId, cancellationToken) is not { Status: CaseStatus.WaitingForSupport, WaitingUntil: { } until })
        {
            return InterruptionOutcome.NotHandled;
        }

        var turn = dc.Turn;
        var when = CustomerDates.Format(TimeZoneInfo.ConvertTime(until, clock.ZoneOf(turn)), turn.Text("format.dateTime"), turn.Culture);
        turn.Send(turn.Text("contact.supportWindow", ("when", when)));
        return InterruptionOutcome.Done;
    }
}
