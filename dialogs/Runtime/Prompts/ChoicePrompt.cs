using System.Globalization;

namespace RefundBot.Dialogs.Runtime.Prompts;

/// <summary>
/// One of a list of choices, shown as suggested-action buttons. An answer selects a choice by its value, title
/// or a synonym (case and accents ignored), or by its number in the list.
/// </summary>
public sealed class ChoicePrompt(string id) : Prompt<string>(id)
{
    protected override Recognized<string> Recognize(TurnContext turn, string text, PromptOptions options) =>
        FindChoice(text, options.Choices) is { } choice ? Recognized<string>.Success(choice.Value) : Recognized<string>.Failure();

    public static Choice? FindChoice(string text, IReadOnlyList<Choice> choices)
    {
        var answer = TextNormalizer.Simplify(text);
        if (int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= choices.Count)
        {
            return choices[number - 1];
        }

        return choices.FirstOrDefault(c => Words(c).Any(w => w == answer))
            ?? choices.SingleOrDefault(c => Words(c).Any(w => TextNormalizer.ContainsPhrase(answer, w)));
    }

    private static IEnumerable<string> Words(Choice choice) =>
        new[] { choice.Value, choice.Display }.Concat(choice.Synonyms ?? []).Select(TextNormalizer.Simplify);
}
