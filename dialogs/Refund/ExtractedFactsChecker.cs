using System.Globalization;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Prompts;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Keeps of an extractor's candidates only what the customer said: a candidate counts when its quote is in the
/// customer's message and the recognizer the prompt for that fact uses reads the same value from the quote (and the
/// policy's validator accepts it). So an extractor can point at the words, but cannot put a value in the customer's mouth.
/// </summary>
internal sealed class ExtractedFactsChecker(OrderIdRecognizer orderIds, IDateRecognizer dates, ReasonCatalog reasons, CustomerClock clock)
{
    private readonly QuantityRecognizer _quantities = new(dates);

    /// <summary>The value in its canonical form (see <see cref="EligibilityDialog.Canonical"/>), or null when not confirmed.</summary>
    public string? Confirmed(TurnContext turn, string text, string factId, FactDefinition? fact, ExtractedFact candidate)
    {
        var quote = candidate.Quote.Trim();
        if (quote.Length == 0 || !TextNormalizer.Fold(text).Contains(TextNormalizer.Fold(quote), StringComparison.Ordinal))
        {
            return null;
        }

        var read = factId switch
        {
            IntakeFacts.OrderId => orderIds.Find(quote),
            IntakeFacts.PurchaseDate => DateIn(turn, quote),
            // The reason is kept in the customer's words: the quote, when it names a reason the catalog knows.
            IntakeFacts.Reason => reasons.Match(turn, quote) is { } reason && reason.Category.Id != ReasonCategory.Other ? quote : null,
            _ when fact is not null && FactSchema.Confirmable(fact) => PolicyValueIn(turn, quote, fact),
            _ => null,
        };

        return read is not null && (factId == IntakeFacts.Reason || SameValue(read, candidate.Value, fact))
            && (fact is null || FactReader.Read(fact, read, out _) is not null)
            ? read
            : null;
    }

    private string? PolicyValueIn(TurnContext turn, string quote, FactDefinition fact) => fact.Type switch
    {
        FactType.Choice => ChoiceRecognizer.Read(quote, fact.Choices.Select(c => EligibilityDialog.ChoiceOf(c, turn.Language)).ToList())
            is { Choice: { } choice, Doubt: ChoiceDoubt.None } ? choice.Value : null,
        FactType.Money => Invariant(MoneyRecognizer.Find(quote, turn.Language)),
        FactType.Number or FactType.Integer when fact.Unit is { } unit =>
            _quantities.Recognize(quote, unit, clock.DateContext(turn)) is { NeedsReadBack: false } quantity ? Invariant(quantity.Value) : null,
        FactType.Number or FactType.Integer => Invariant(NumberRecognizer.TryParse(quote, turn.Culture)),
        FactType.Date => DateIn(turn, quote),
        _ => null,
    };

    private string? DateIn(TurnContext turn, string quote) =>
        dates.Recognize(orderIds.WithoutIds(quote), clock.DateContext(turn)) is { Date: { } date, Problem: DateProblem.None }
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;

    /// <summary>The recognizer's reading and the extractor's value agree (numbers by value, ids and choices ignoring case).</summary>
    private static bool SameValue(string read, string value, FactDefinition? fact) =>
        fact?.Type is FactType.Money or FactType.Number or FactType.Integer
            ? decimal.TryParse(value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && number == decimal.Parse(read, CultureInfo.InvariantCulture)
            : string.Equals(read.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string? Invariant(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
