using System.Text.Json.Nodes;

namespace RefundBot.Dialogs.Runtime.Dialogs;

/// <summary>The dialog stack of one conversation, during one turn.</summary>
internal sealed class DialogContext(DialogSet dialogs, TurnContext turn)
{
    private List<DialogInstance> Stack => Turn.State.DialogStack;

    public DialogSet Dialogs { get; } = dialogs;
    public TurnContext Turn { get; } = turn;

    public DialogInstance? ActiveDialog => Stack.Count == 0 ? null : Stack[^1];

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, JsonNode? options = null, CancellationToken cancellationToken = default)
    {
        var dialog = Dialogs.Find(dialogId);
        Stack.Add(new DialogInstance { Id = dialogId, Version = dialog.Version });
        return dialog.BeginAsync(this, options?.DeepClone(), cancellationToken);
    }

    /// <summary>
    /// Hands the turn to the active dialog. One saved under another version of its dialog is not resumed at a step that
    /// may now mean another: an outdated prompt whose dialog is current is dropped and the question asked again;
    /// otherwise the stack is cleared and the customer told, in their language, that we start their request again
    /// (the result is <see cref="DialogTurnStatus.Empty"/>, so the conversation starts afresh as with no dialog).
    /// Nothing recorded outside the stack is lost: a case and its follow-up stay on the case.
    /// </summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is not { } active)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        if (!IsOutdated(active))
        {
            return await Dialogs.Find(active.Id).ContinueAsync(this, cancellationToken);
        }

        if (Dialogs.Contains(active.Id) && Dialogs.Find(active.Id).IsPrompt && Stack.Count > 1 && !IsOutdated(Stack[^2]))
        {
            Stack.RemoveAt(Stack.Count - 1);
            return await Dialogs.Find(ActiveDialog!.Id).AskAgainAsync(this, cancellationToken);
        }

        Stack.Clear();
        Turn.Send(Turn.Text("dialog.restarted"));
        return new DialogTurnResult(DialogTurnStatus.Empty);
    }

    /// <summary>
    /// Ends the active dialog and hands <paramref name="result"/> to the dialog below it. A parent saved under another
    /// version is not resumed (its next step may now be another): the stack is cleared. When what ended was a prompt,
    /// its answer was for that parent's step, so the customer is told and the request starts again
    /// (<see cref="DialogTurnStatus.Empty"/>, as in <see cref="ContinueDialogAsync"/>); a dialog that ended has done
    /// its work (a troubleshooting wait answered and decided), so the conversation is simply at its end.
    /// </summary>
    public Task<DialogTurnResult> EndDialogAsync(JsonNode? result = null, CancellationToken cancellationToken = default)
    {
        var ended = ActiveDialog;
        if (Stack.Count > 0)
        {
            Stack.RemoveAt(Stack.Count - 1);
        }

        if (ActiveDialog is { } outdated && IsOutdated(outdated))
        {
            Stack.Clear();
            if (ended is not null && Dialogs.Contains(ended.Id) && Dialogs.Find(ended.Id).IsPrompt)
            {
                Turn.Send(Turn.Text("dialog.restarted"));
                return Task.FromResult(new DialogTurnResult(DialogTurnStatus.Empty));
            }
        }

        return ActiveDialog is { } parent
            ? Dialogs.Find(parent.Id).ResumeAsync(this, result, cancellationToken)
            : Task.FromResult(new DialogTurnResult(DialogTurnStatus.Complete, result));
    }

    /// <summary>
    /// True when the instance was saved under another version of its dialog (or its dialog is gone). One saved before
    /// versions existed counts as saved under <see cref="UnversionedDialogs"/>' version.
    /// </summary>
    private bool IsOutdated(DialogInstance instance) =>
        !Dialogs.Contains(instance.Id)
        || (instance.Version ?? UnversionedDialogs.VersionOf(instance.Id, Dialogs.Find(instance.Id))) != Dialogs.Find(instance.Id).Version;

    /// <summary>Ends the active dialog without resuming its parent and starts another in its place (loops, restarts).</summary>
    public Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, JsonNode? options = null, CancellationToken cancellationToken = default)
    {
        if (Stack.Count > 0)
        {
            Stack.RemoveAt(Stack.Count - 1);
        }

        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    public DialogTurnResult CancelAllDialogs()
    {
        Stack.Clear();
        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>
    /// The current question, composed again: when a prompt is active, it is removed and the dialog that asked it asks
    /// again (so its text follows a new language); otherwise the active dialog reprompts.
    /// </summary>
    public async Task AskAgainAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is { } active && Dialogs.Find(active.Id).IsPrompt && Stack.Count > 1)
        {
            Stack.RemoveAt(Stack.Count - 1);
            await Dialogs.Find(ActiveDialog!.Id).AskAgainAsync(this, cancellationToken);
            return;
        }

        await RepromptDialogAsync(cancellationToken);
    }

    /// <summary>True when the active prompt did not understand the customer and offered a person (see <see cref="Prompts.Prompt{T}"/>).</summary>
    public bool HasOfferedPerson => ActiveDialog is { } active && Dialogs.Find(active.Id).HasOfferedPerson(this);

    /// <summary>Offers <paramref name="text"/> to the active dialog as its answer; null when it is not one (see <see cref="Dialog.TryAnswerAsync"/>).</summary>
    public Task<DialogTurnResult?> TryAnswerAsync(string text, CancellationToken cancellationToken = default) =>
        ActiveDialog is { } active
            ? Dialogs.Find(active.Id).TryAnswerAsync(this, text, cancellationToken)
            : Task.FromResult<DialogTurnResult?>(null);

    public Task RepromptDialogAsync(CancellationToken cancellationToken = default) =>
        ActiveDialog is { } active
            ? Dialogs.Find(active.Id).RepromptAsync(this, cancellationToken)
            : Task.CompletedTask;
}
