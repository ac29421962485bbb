using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Privacy;

/// <summary>
/// "forget me" / "supprimez mes données", at any step: the bot says what would be deleted and asks to confirm; on
/// "yes", once the turn is saved, the conversation, its transcript and its cases are erased. Anything else keeps
/// everything and goes back to where the conversation was.
/// </summary>
public sealed class ForgetMeInterruption(IntentPhrases intents, ConversationEraser eraser) : IInterruption
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

            var (channelId, conversationId) = (turn.Activity.ChannelId!, turn.Activity.Conversation!.Id!);
            turn.State.ErasureConfirmed = true;
            turn.AfterSave(ct => eraser.EraseAsync(channelId, conversationId, ct));
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
