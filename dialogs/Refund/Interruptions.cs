using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// "cancel" / "annuler": clears the conversation's dialogs; nothing half-gathered is submitted. A case already recorded
/// and still with the bot (gathering facts, troubleshooting, waiting for support) is withdrawn by the customer, so the
/// bot does not come back to it; a case a person or the engine has decided stays as it is.
/// </summary>
internal sealed class CancelInterruption(IntentPhrases intents, CaseStore cases) : IInterruption
{
    public async Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        if (!intents.Matches(IntentPhrases.Cancel, foldedText))
        {
            return InterruptionOutcome.NotHandled;
        }

        var turn = dc.Turn;
        if (TalkToPersonInterruption.CaseOf(dc) is { } caseId && await cases.FindAsync(turn, caseId, cancellationToken) is { } open
            && open.TryMove(CaseStatus.Withdrawn, CaseActor.Customer, turn.Now, "the customer cancelled the request") is { } withdrawn)
        {
            cases.Save(turn, withdrawn);
            turn.Send(turn.Text("cancelled.withdrawn", ("caseId", caseId)));
        }
        else
        {
            turn.Send(turn.Text(dc.ActiveDialog is null ? "nothingToCancel" : "cancelled"));
        }

        dc.CancelAllDialogs();
        return InterruptionOutcome.Done;
    }
}

/// <summary>"start over" / "recommencer": drops everything gathered and begins a new refund intake.</summary>
internal sealed class StartOverInterruption(IntentPhrases intents) : IInterruption
{
    public async Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        if (!intents.Matches(IntentPhrases.StartOver, foldedText))
        {
            return InterruptionOutcome.NotHandled;
        }

        dc.CancelAllDialogs();
        dc.Turn.Send(dc.Turn.Text("startingOver"));
        await dc.BeginDialogAsync(RefundIntakeDialog.DialogId, null, cancellationToken);
        return InterruptionOutcome.Done;
    }
}

/// <summary>
/// "thanks" / "merci, au revoir" once the customer has said something and nothing is under way (a decision given, a
/// request cancelled): a courteous answer saying what else the bot can do, not a new refund intake asking for an
/// order ID. At a question, such a message is the question's to answer; as the very first message, it starts.
/// </summary>
internal sealed class ClosingInterruption(IntentPhrases intents) : IInterruption
{
    public Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog is not null || !intents.IsMadeOf(IntentPhrases.Closing, IntentPhrases.ClosingFiller, foldedText)
            || !dc.Turn.State.Transcript.Any(line => line.Role == TranscriptRoles.Customer))
        {
            return Task.FromResult(InterruptionOutcome.NotHandled);
        }

        dc.Turn.Send(dc.Turn.Text("closing"));
        return Task.FromResult(InterruptionOutcome.Done);
    }
}

/// <summary>"help" / "aide": explains what the bot can do, then asks the interrupted question again.</summary>
internal sealed class HelpInterruption(IntentPhrases intents) : IInterruption
{
    public Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        if (!intents.Matches(IntentPhrases.Help, foldedText))
        {
            return Task.FromResult(InterruptionOutcome.NotHandled);
        }

        dc.Turn.Send(dc.Turn.Text("help"));
        return Task.FromResult(InterruptionOutcome.Resume);
    }
}

/// <summary>"can we speak English?" / "en français svp": the conversation changes language, and the current question is asked again in it.</summary>
internal sealed class LanguageSwitchInterruption(IntentPhrases intents) : IInterruption
{
    public async Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        var language = intents.Matches(IntentPhrases.SpeakEnglish, foldedText) ? "en"
            : intents.Matches(IntentPhrases.SpeakFrench, foldedText) ? "fr"
            : null;
        if (language is null)
        {
            return InterruptionOutcome.NotHandled;
        }

        var state = dc.Turn.State;
        if (state.Language != language)
        {
            state.Language = language;
            state.Culture = Runtime.BotTexts.DefaultCulture(language);
        }

        dc.Turn.Send(dc.Turn.Text("language.switched"));
        await dc.AskAgainAsync(cancellationToken);
        return InterruptionOutcome.Done;
    }
}
