using System.Globalization;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// The summary's question, "Is that right?". Only a clear yes submits: a hedge or a question ("wait before i confirm -
/// do you refund the installation fee?") is asked again with the summary in full, a plain no asks what to change, and
/// an answer that holds an order ID or a date ("no sorry i mean april 3rd", "the order is actually A-1235") carries it
/// as a correction for the intake to apply.
/// </summary>
internal sealed class SummaryPrompt(string id, OrderIdRecognizer orderIds, IDateRecognizer dates, CustomerClock clock) : Prompt<SummaryAnswer>(id)
{
    protected override Recognized<SummaryAnswer> Recognize(TurnContext turn, string text, PromptOptions options)
    {
        var reading = ChoiceRecognizer.Read(text, options.Choices);
        if (IsButtonNumber(text))
        {
            return reading.Choice is { } picked ? Recognized<SummaryAnswer>.Success(new SummaryAnswer(picked.Value)) : Recognized<SummaryAnswer>.Failure();
        }

        var orderId = orderIds.Find(text);
        var date = dates.Recognize(orderIds.WithoutIds(text), clock.DateContext(turn)); // "A-123456" is no date
        if (orderId is not null || date.Date is not null)
        {
            return Recognized<SummaryAnswer>.Success(new SummaryAnswer(reading.Choice?.Value, orderId,
                date is { Date: { } day, Problem: DateProblem.None, Ambiguous: false } ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                DateUnclear: date.Date is not null && (date.Problem != DateProblem.None || date.Ambiguous)));
        }

        if (reading.Choice is { } choice)
        {
            return Recognized<SummaryAnswer>.Success(new SummaryAnswer(choice.Value));
        }

        return reading.Doubt is ChoiceDoubt.Question or ChoiceDoubt.Hedged
            ? Recognized<SummaryAnswer>.Failure(turn.Text("intake.summaryQuestion"), askInFull: true)
            : Recognized<SummaryAnswer>.Failure(ChoicePrompt.Problem(turn, reading, options));
    }

    protected override string? NotUnderstood(TurnContext turn, PromptOptions options) => ChoicePrompt.Unclear(turn, options);

    /// <summary>"4" picks the fourth button; it is not a date.</summary>
    private static bool IsButtonNumber(string text) =>
        int.TryParse(TextNormalizer.Simplify(text), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    protected override IEnumerable<string> Suggestions(TurnContext turn, PromptOptions options) => ChoicePrompt.Buttons(options);
}

/// <summary>
/// The answer to the summary: the choice it selected (if any), and the order ID or purchase date it mentions.
/// <paramref name="DateUnclear"/>: a date was mentioned that needs asking (in the future, a period, 3/4 in numbers).
/// </summary>
internal sealed record SummaryAnswer(string? Choice, string? OrderId = null, string? PurchaseDate = null, bool DateUnclear = false);
