using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Prompts;

/// <summary>Any non-empty text, optionally turned into a value (and checked) by <paramref name="recognize"/>.</summary>
internal sealed class TextPrompt(string id, Func<string, TurnContext, Recognized<string>>? recognize = null, PromptValidator<string>? validator = null)
    : Prompt<string>(id, validator)
{
    protected override Recognized<string> Recognize(TurnContext turn, string text, PromptOptions options) =>
        text.Length == 0 ? Recognized<string>.Failure()
        : recognize is null ? Recognized<string>.Success(text)
        : recognize(text, turn);

    /// <summary>
    /// Free text written beside a question is taken when it is a sentence (three words or more, not "hmm" or "wait")
    /// that does not itself end with a question mark.
    /// </summary>
    public override Task<Runtime.Dialogs.DialogTurnResult?> TryAnswerAsync(Runtime.Dialogs.DialogContext dc, string text, CancellationToken cancellationToken) =>
        recognize is null && (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < MinimumFreeTextWords || text.TrimEnd().EndsWith('?'))
            ? Task.FromResult<Runtime.Dialogs.DialogTurnResult?>(null)
            : base.TryAnswerAsync(dc, text, cancellationToken);

    private const int MinimumFreeTextWords = 3;
}
