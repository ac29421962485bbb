namespace RefundBot.Dialogs.Runtime.Prompts;

/// <summary>A yes or no, in English or French, with Yes/No buttons in the conversation's language.</summary>
public sealed class ConfirmPrompt(string id) : Prompt<bool>(id)
{
    private static readonly string[] YesWords = ["yes", "y", "yeah", "yep", "sure", "ok", "okay", "correct", "right", "oui", "ouais", "d'accord", "exact", "exactement", "c'est ca", "c'est bien ca", "bien sur"];
    private static readonly string[] NoWords = ["no", "n", "nope", "not really", "wrong", "non", "pas du tout", "incorrect", "faux"];

    protected override Recognized<bool> Recognize(TurnContext turn, string text, PromptOptions options) =>
        YesOrNo(turn, text) is { } answer ? Recognized<bool>.Success(answer) : Recognized<bool>.Failure();

    /// <summary>True for a yes, false for a no (English or French), null for anything else.</summary>
    public static bool? YesOrNo(TurnContext turn, string text)
    {
        var answer = TextNormalizer.Fold(text);
        if (answer == TextNormalizer.Fold(turn.Text("confirm.yes")) || YesWords.Any(w => TextNormalizer.StartsWithPhrase(answer, w)))
        {
            return true;
        }

        return answer == TextNormalizer.Fold(turn.Text("confirm.no")) || NoWords.Any(w => TextNormalizer.StartsWithPhrase(answer, w))
            ? false
            : null;
    }

    protected override IEnumerable<string> Suggestions(TurnContext turn, PromptOptions options) =>
        [turn.Text("confirm.yes"), turn.Text("confirm.no")];
}
