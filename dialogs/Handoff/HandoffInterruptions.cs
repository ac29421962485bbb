using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// "talk to a person" / "je veux parler à un conseiller", at any step: the conversation goes to the agent queue,
/// with the question the policy could not answer when that is what came just before.
/// </summary>
internal sealed class TalkToPersonInterruption(IntentPhrases intents, Escalation escalation) : IInterruption
{
    public async Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        // "a human" alone, or "... speak to a human ..." within a sentence.
        if (!intents.Matches(IntentPhrases.Person, foldedText) && !intents.Mentions(IntentPhrases.PersonRequest, foldedText))
        {
            return InterruptionOutcome.NotHandled;
        }

        // Taking the offer a prompt made after two misunderstandings is a hand-off for that reason, so the agent knows.
        var reason = dc.Turn.State.UnansweredQuestion is not null ? HandoffReasons.QuestionNotCovered
            : dc.HasOfferedPerson ? HandoffReasons.RepeatedMisunderstanding
            : HandoffReasons.CustomerAsked;
        await escalation.EscalateAsync(dc, reason, CaseOf(dc), cancellationToken);
        return InterruptionOutcome.Done;
    }

    /// <summary>The case the customer is working on, if a dialog on the stack has recorded one.</summary>
    public static string? CaseOf(DialogContext dc) =>
        dc.Turn.State.DialogStack
            .Select(d => d.State[Refund.EligibilityDialog.CaseKey]?.GetValue<string>())
            .LastOrDefault(id => id is not null);
}

/// <summary>
/// A customer who is clearly upset ("this is unacceptable", "c'est scandaleux") gets an apology and a person,
/// rather than another question from the bot.
/// </summary>
internal sealed class UpsetCustomerInterruption(IntentPhrases intents, Escalation escalation) : IInterruption
{
    public async Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        if (!intents.Mentions(IntentPhrases.Upset, foldedText))
        {
            return InterruptionOutcome.NotHandled;
        }

        dc.Turn.Send(dc.Turn.Text("handoff.upset"));
        await escalation.EscalateAsync(dc, HandoffReasons.CustomerUpset, TalkToPersonInterruption.CaseOf(dc), cancellationToken);
        return InterruptionOutcome.Done;
    }
}
