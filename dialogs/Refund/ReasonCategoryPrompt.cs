using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Which reason category, asked when the customer's first words named none: a button (or its label or number typed),
/// else a reason in words, read as the reason question reads it ("le service est coupé depuis plusieurs jours" is
/// "it doesn't work"), so that a customer who explains again in words is understood instead of told to use the buttons.
/// The result is the category and, when it came from words, those words (<see cref="ReasonCategoryAnswer"/>), which are
/// kept beside the first ones.
/// </summary>
internal sealed class ReasonCategoryPrompt(string id, ReasonCatalog reasons) : Prompt<ReasonCategoryAnswer>(id)
{
    protected override Recognized<ReasonCategoryAnswer> Recognize(TurnContext turn, string text, PromptOptions options) =>
        Read(turn, text, options, reasons);

    /// <summary>
    /// A category chosen by its button, label, number or the policy's own synonyms, else named by a reason in words
    /// (<see cref="ReasonCatalog"/>, one matcher for reasons wherever they are asked).
    /// </summary>
    internal static Recognized<ReasonCategoryAnswer> Read(TurnContext turn, string text, PromptOptions options, ReasonCatalog reasons)
    {
        var reading = ChoiceRecognizer.Read(text, options.Choices);
        if (reading.Choice is { } choice)
        {
            return Recognized<ReasonCategoryAnswer>.Success(new ReasonCategoryAnswer(choice.Value, Words: null));
        }

        // A hedged or ambiguous pick is asked again as a choice; only an answer that names no option is read as words.
        return reading.Doubt is (ChoiceDoubt.None or ChoiceDoubt.NotUnderstood) && reasons.Match(turn, text) is { } match
            ? Recognized<ReasonCategoryAnswer>.Success(new ReasonCategoryAnswer(match.Category.Id, text))
            : Recognized<ReasonCategoryAnswer>.Failure(ChoicePrompt.Problem(turn, reading, options));
    }

    protected override string? NotUnderstood(TurnContext turn, PromptOptions options) => ChoicePrompt.Unclear(turn, options);

    protected override IEnumerable<string> Suggestions(TurnContext turn, PromptOptions options) => ChoicePrompt.Buttons(options);
}

/// <summary>The category chosen, and the customer's words when they were typed rather than a button.</summary>
internal sealed record ReasonCategoryAnswer(string CategoryId, string? Words);
