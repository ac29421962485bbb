using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Prompts;

/// <summary>
/// A decimal number or amount of money ("49.90", "49,90 €", "$1,234.50"), read in the customer's culture; an answer
/// with two figures ("19.99 + 4 delivery") is asked again.
/// </summary>
internal sealed class NumberPrompt(string id, PromptValidator<decimal>? validator = null) : Prompt<decimal>(id, validator)
{
    protected override Recognized<decimal> Recognize(TurnContext turn, string text, PromptOptions options) =>
        NumberRecognizer.TryParseOnly(text, turn.Culture) is { } number
            ? Recognized<decimal>.Success(number)
            : Recognized<decimal>.Failure();
}
