using System.Text.Json.Nodes;

namespace RefundBot.Dialogs.Runtime.Dialogs;

/// <summary>
/// A step of conversation that can span turns. Dialog objects are stateless singletons;
/// what a running dialog remembers lives in its <see cref="DialogInstance.State"/>, which is persisted.
/// </summary>
internal abstract class Dialog(string id)
{
    public string Id { get; } = id;

    /// <summary>
    /// What a saved instance of this dialog must have been started under to be resumed: the id, unless the dialog's
    /// saved state depends on more (a waterfall's step index on its steps). A conversation saved under another version
    /// restarts at a safe point instead of resuming at a wrong step (see <see cref="DialogContext.ContinueDialogAsync"/>).
    /// </summary>
    public virtual string Version => Id;

    public abstract Task<DialogTurnResult> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken);

    /// <summary>The customer answered while this dialog was on top of the stack.</summary>
    public virtual Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(null, cancellationToken);

    /// <summary>A child dialog this one started has ended with <paramref name="result"/>.</summary>
    public virtual Task<DialogTurnResult> ResumeAsync(DialogContext dc, JsonNode? result, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(result, cancellationToken);

    /// <summary>Ask again what this dialog is waiting for (after an interruption).</summary>
    public virtual Task RepromptAsync(DialogContext dc, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Ask the current question afresh, composed again (after a change of language), once the prompt this dialog was
    /// waiting on has been removed. By default, the same as <see cref="RepromptAsync"/>.
    /// </summary>
    public virtual async Task<DialogTurnResult> AskAgainAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        await RepromptAsync(dc, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    /// <summary>
    /// The part of a message that came beside a question ("oui j'ai gardé le carton", before "au fait qui paie les frais
    /// de retour ?"): taken as the answer when it clearly is one; null when it is not, and nothing is said or counted
    /// (the question is asked again after the policy's answer).
    /// </summary>
    public virtual Task<DialogTurnResult?> TryAnswerAsync(DialogContext dc, string text, CancellationToken cancellationToken) =>
        Task.FromResult<DialogTurnResult?>(null);

    /// <summary>True for prompts: dialogs that ask one question and end with its answer.</summary>
    public virtual bool IsPrompt => false;

    /// <summary>True when this dialog, active in <paramref name="dc"/>, has offered a person because it did not understand.</summary>
    public virtual bool HasOfferedPerson(DialogContext dc) => false;
}

/// <summary>One entry of the dialog stack.</summary>
public sealed class DialogInstance
{
    public required string Id { get; init; }

    /// <summary>The <see cref="Dialog.Version"/> it was started under; null when saved before versions existed.</summary>
    public string? Version { get; init; }

    public JsonObject State { get; init; } = [];
}

internal enum DialogTurnStatus
{
    /// <summary>No dialog was active.</summary>
    Empty,

    /// <summary>A dialog is waiting for the customer's next message.</summary>
    Waiting,

    /// <summary>The last dialog on the stack ended.</summary>
    Complete,

    /// <summary>The stack was cleared.</summary>
    Cancelled,
}

internal sealed record DialogTurnResult(DialogTurnStatus Status, JsonNode? Result = null)
{
    public static readonly DialogTurnResult Waiting = new(DialogTurnStatus.Waiting);
}

/// <summary>The dialogs a bot knows, by id.</summary>
internal sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet Add(Dialog dialog)
    {
        _dialogs.Add(dialog.Id, dialog);
        return this;
    }

    public DialogSet AddAll(IEnumerable<Dialog> dialogs)
    {
        foreach (var dialog in dialogs)
        {
            Add(dialog);
        }

        return this;
    }

    public Dialog Find(string id) =>
        _dialogs.TryGetValue(id, out var dialog)
            ? dialog
            : throw new InvalidOperationException($"No dialog with id '{id}' is registered.");

    public bool Contains(string id) => _dialogs.ContainsKey(id);
}
