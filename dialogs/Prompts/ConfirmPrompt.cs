using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Prompts;

/// <summary>
/// A yes or no, in English or French, with Yes/No buttons in the conversation's language. Read like a choice between
/// a yes and a no (<see cref="ChoiceRecognizer"/>): "of course not" is a no, "mouais" and "yes and no" are asked again.
/// A policy fact's own words for its yes and its no ("i never got any equipment") come as the options' two choices.
/// </summary>
internal sealed class ConfirmPrompt(string id) : Prompt<bool>(id)
{
    protected override Recognized<bool> Recognize(TurnContext turn, string text, PromptOptions options)
    {
        var reading = ChoiceRecognizer.Read(text, options.Choices is [{ Polarity: ChoicePolarity.Yes }, { Polarity: ChoicePolarity.No }] ? options.Choices : Choices(turn));
        return reading.Choice is { } choice
            ? Recognized<bool>.Success(choice.Polarity == ChoicePolarity.Yes)
            : Recognized<bool>.Failure(ChoicePrompt.Problem(turn, reading, options));
    }

    protected override string? NotUnderstood(TurnContext turn, PromptOptions options) => ChoicePrompt.Unclear(turn, options);

    /// <summary>True for a yes, false for a no (English or French), null for anything else.</summary>
    public static bool? YesOrNo(TurnContext turn, string text) =>
        ChoiceRecognizer.Read(text, Choices(turn)).Choice is { } choice ? choice.Polarity == ChoicePolarity.Yes : null;

    protected override IEnumerable<string> Suggestions(TurnContext turn, PromptOptions options) =>
        [turn.Text("confirm.yes"), turn.Text("confirm.no")];

    private static Choice[] Choices(TurnContext turn) => WithWords(turn, null, null);

    /// <summary>The yes and the no, each with other words that say it (a policy fact's <c>saidTrue</c> and <c>saidFalse</c>).</summary>
    public static Choice[] WithWords(TurnContext turn, IReadOnlyList<string>? yes, IReadOnlyList<string>? no) =>
    [
        new("yes", turn.Text("confirm.yes"), yes) { Polarity = ChoicePolarity.Yes },
        new("no", turn.Text("confirm.no"), no) { Polarity = ChoicePolarity.No },
    ];
}
