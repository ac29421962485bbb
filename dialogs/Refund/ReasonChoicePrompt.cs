using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// A policy's <c>reason_category</c> question, read as the intake's reason is: a button, label, number or synonym the
/// policy wrote, else the reason in words by <see cref="ReasonCatalog"/> (stems, one typo, negations), so that the two
/// questions about the reason cannot read the same words differently. The result is the category's id.
/// </summary>
internal sealed class ReasonChoicePrompt(string id, ReasonCatalog reasons) : Prompt<string>(id)
{
    protected override Recognized<string> Recognize(TurnContext turn, string text, PromptOptions options)
    {
        var read = ReasonCategoryPrompt.Read(turn, text, options, reasons);
        return read is { Succeeded: true, Value: { } answer } && options.Choices.Any(c => c.Value == answer.CategoryId)
            ? Recognized<string>.Success(answer.CategoryId)
            : Recognized<string>.Failure(read.Problem);
    }

    protected override string? NotUnderstood(TurnContext turn, PromptOptions options) => ChoicePrompt.Unclear(turn, options);

    protected override IEnumerable<string> Suggestions(TurnContext turn, PromptOptions options) => ChoicePrompt.Buttons(options);
}
