using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Prompts;

/// <summary>
/// One of a list of choices, shown as suggested-action buttons. An answer is read by <see cref="ChoiceRecognizer"/>;
/// when it selects nothing for sure, the customer is told why (hedged, two options, a question) before being asked again.
/// </summary>
internal sealed class ChoicePrompt(string id) : Prompt<string>(id)
{
    protected override Recognized<string> Recognize(TurnContext turn, string text, PromptOptions options)
    {
        var reading = ChoiceRecognizer.Read(text, options.Choices);
        return reading.Choice is { } choice
            ? Recognized<string>.Success(choice.Value)
            : Recognized<string>.Failure(Problem(turn, reading, options));
    }

    protected override string? NotUnderstood(TurnContext turn, PromptOptions options) => Unclear(turn, options);

    /// <summary>"Please use one of the buttons", unless the prompt's own retry text says how to answer.</summary>
    public static string? Unclear(TurnContext turn, PromptOptions options) =>
        options.RetryText is null ? turn.Text("choice.unclear") : null;

    protected override IEnumerable<string> Suggestions(TurnContext turn, PromptOptions options) => Buttons(options);

    /// <summary>The choices shown as buttons (hidden ones, such as the summary's plain no, are only typed).</summary>
    public static IEnumerable<string> Buttons(PromptOptions options) => options.Choices.Where(c => !c.Hidden).Select(c => c.Display);

    /// <summary>
    /// What to say about an answer that selected nothing for a reason (hedged, two options, a question), so the customer
    /// knows what to write; null when nothing matched at all (<see cref="NotUnderstood"/> then speaks, once).
    /// </summary>
    public static string? Problem(TurnContext turn, ChoiceReading reading, PromptOptions options) => reading.Doubt switch
    {
        ChoiceDoubt.Hedged => turn.Text("choice.hedged"),
        ChoiceDoubt.Question => turn.Text("choice.question"),
        ChoiceDoubt.Ambiguous => turn.Text("choice.ambiguous", ("options", string.Join(turn.Text("choice.or"), reading.Candidates.Select(c => turn.Text("choice.quoted", ("text", c.Display)))))),
        _ => null,
    };
}
