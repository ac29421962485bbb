using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Prompts;

/// <summary>
/// A yes or no, in English or French, with Yes/No buttons in the conversation's language. Read like a choice between
/// a yes and a no (<see cref="ChoiceRecognizer"/>): "of course not" is a no, "mouais" and "yes and no" are asked again.
/// </summary>
internal sealed class ConfirmPrompt(string id) : Prompt<bool>(id)
{
    protected override Recognized<bool> Recognize(TurnContext turn, string text, PromptOptions options)
    {
        var reading = ChoiceRecognizer.Read(text, Choices(turn));
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

    private static Choice[] Choices(TurnContext turn) =>
    [
        new("yes", turn.Text("confirm.yes")) { Polarity = ChoicePolarity.Yes },
        new("no", turn.Text("confirm.no")) { Polarity = ChoicePolarity.No },
    ];
}
