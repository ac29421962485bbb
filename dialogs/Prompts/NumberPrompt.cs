using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Prompts;

/// <summary>
/// A decimal number or amount of money ("49.90", "49,90 €", "$1,234.50", "cinquante euros", "nothing"), read in the
/// customer's culture by <see cref="MoneyAnswerRecognizer"/>; an answer with two figures ("19.99 + 4 delivery"), a bound
/// ("more than 50") or something to add ("59€ + les frais") is asked again.
/// </summary>
internal sealed class NumberPrompt(string id, PromptValidator<decimal>? validator = null) : Prompt<decimal>(id, validator)
{
    protected override Recognized<decimal> Recognize(TurnContext turn, string text, PromptOptions options) =>
        MoneyAnswerRecognizer.Read(text, turn.Language, turn.Culture) is { } number
            ? Recognized<decimal>.Success(number)
            : Recognized<decimal>.Failure();
}
