using System.Globalization;
using Microsoft.Recognizers.Text;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Reads the answer to an amount question ("How much did you pay?"): a figure ("49.90", "49,90 €"), an amount in words
/// ("cinquante euros", "twelve euros fifty", by Microsoft.Recognizers.Text's currency and number models) or nothing
/// paid ("nothing", "gratuit"). An answer the bot would have to finish is not read, and the question is asked again:
/// a bound ("more than 50"), something to add ("59€ + les frais"), two figures ("19.99 + 4 delivery"). A wrong amount
/// is worse than a second question. Its words are language data in <c>Resources/money.json</c>.
/// </summary>
public static partial class MoneyAnswerRecognizer
{
    private static readonly Lazy<MoneyWords> Words = new(MoneyWords.Load);

    /// <param name="language">"en" or "fr".</param>
    public static decimal? Read(string text, string language, CultureInfo culture)
    {
        var words = Words.Value;
        if (MoneyWords.Says(words.Limits, text) || MoneyWords.Says(words.Extras, text) || MoneyWords.Says(words.Unknown, text)
            || (words.SaysRate(text) && words.SaysPeriodCount(text)))
        {
            return null;
        }

        if (text.Any(char.IsDigit))
        {
            // "49€90", as the French write prices: the currency sign stands for the decimal point. A period, a former price
            // or another item's price beside the amount ("119.88 for 12 months", "59,90 au lieu de 79,90") is not it.
            var figures = SignAsDecimalPoint().Replace(text, "$1.$2");
            var rest = words.WithoutOtherFigures(figures);
            return rest.Any(char.IsDigit) ? NumberRecognizer.TryParseOnly(rest, culture) : null;
        }

        return InWords(text, language) ?? (MoneyWords.Says(words.Zero, text) && !MoneyWords.Says(words.Negations, text) ? 0m : null);
    }

    /// <summary>"cinquante euros", "douze euros cinquante", "fifty": one amount in words, or null.</summary>
    private static decimal? InWords(string text, string language)
    {
        var amounts = RecognizerModels.Currency(language).Parse(text).Where(r => r.TypeName == "currency").ToList();
        if (amounts.Count > 1)
        {
            return null;
        }

        if (amounts is [var amount])
        {
            return Value(amount);
        }

        // A number in words alone ("cinquante", "fifty bucks"), not one inside a sentence ("j'ai payé un peu trop").
        var numbers = RecognizerModels.Numbers(language).Parse(text);
        return numbers is [var only] && only.Resolution?.GetValueOrDefault("subtype")?.ToString() != "fraction"
            && OnlyMoneyWordsBeside(text, only, language) ? Value(only) : null;
    }

    private static bool OnlyMoneyWordsBeside(string text, ModelResult number, string language)
    {
        var rest = TextNormalizer.Simplify(text.Remove(number.Start, number.End - number.Start + 1));
        var slang = Words.Value.Slang.GetValueOrDefault(language, []);
        return rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => slang.Contains(w));
    }

    private static decimal? Value(ModelResult result) =>
        result.Resolution?.GetValueOrDefault("value")?.ToString() is { } raw
        && decimal.TryParse(raw.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
        && value >= 0
            ? value
            : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\d)(\d+)\s?[€$£]\s?(\d{2})(?!\d)")]
    private static partial System.Text.RegularExpressions.Regex SignAsDecimalPoint();
}
