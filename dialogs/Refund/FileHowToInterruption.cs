using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// "how do i send it to you? there is no attach button" / "comment vous envoyer la photo ?": how to send a file on
/// this channel (Teams or the chat page), which files are kept and up to what size; then the interrupted question is
/// asked again. Only a question about sending a file counts: asking words and file words both appear.
/// </summary>
internal sealed class FileHowToInterruption(IntentPhrases intents, IOptions<RefundBotOptions> options) : IInterruption
{
    public Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        if (!intents.Mentions(IntentPhrases.FileWords, foldedText) || !intents.Mentions(IntentPhrases.FileAsking, foldedText))
        {
            return Task.FromResult(InterruptionOutcome.NotHandled);
        }

        var turn = dc.Turn;
        var key = turn.Activity.ChannelId == "msteams" ? "file.howToSend.teams" : "file.howToSend";
        turn.Send(turn.Text(key, ("limit", ReceivedFilesReply.LimitText(turn, options.Value))));
        return Task.FromResult(InterruptionOutcome.Resume);
    }
}
