using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Dialogs.Runtime.Outbox;

namespace RefundBot.Dialogs.Privacy;

/// <summary>
/// "forget me" / "supprimez mes données", at any step: the bot says what would be deleted and asks to confirm; on
/// "yes", once the turn is committed (an outbox record of it), the conversation, its transcript and its cases are erased. Anything else keeps
/// everything and goes back to where the conversation was.
/// </summary>
internal sealed class ForgetMeInterruption(IntentPhrases intents) : IInterruption
{
    public async Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        if (turn.State.ErasureRequested)
        {
            turn.State.ErasureRequested = false;
            if (!Confirms(turn, foldedText))
            {
                turn.Send(turn.Text("privacy.kept"));
                return dc.ActiveDialog is null ? InterruptionOutcome.Done : InterruptionOutcome.Resume;
            }

            // Committed with the turn, carried out after it (before its reply), at least once, even after a crash.
            turn.Work.Enqueue(new OutboxRecord
            {
                Kind = OutboxKinds.Erase,
                ConversationKey = StateKeys.Conversation(turn.Activity),
                Reference = ConversationReference.From(turn.Activity),
                ActivityId = turn.Activity.Id,
            });
            turn.Send(turn.Text("privacy.erased"));
            return InterruptionOutcome.Done;
        }

        if (!intents.Matches(IntentPhrases.ForgetMe, foldedText) && !intents.Mentions(IntentPhrases.ForgetMe, foldedText))
        {
            return InterruptionOutcome.NotHandled;
        }

        turn.State.ErasureRequested = true;
        turn.Send(turn.Text("privacy.confirm"), [turn.Text("privacy.yes"), turn.Text("privacy.no")]);
        return InterruptionOutcome.Done;
    }

    private static bool Confirms(TurnContext turn, string foldedText) =>
        foldedText == TextNormalizer.Fold(turn.Text("privacy.yes")) || foldedText is "yes" or "oui" or "yes delete it" or "oui supprimez";
}
