using System.Globalization;
using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Reads ISO dates ("2026-03-12"), numeric dates in the customer's culture ("12/03/2026" is 12 March in fr-FR
/// and en-GB, December 3 in en-US; "3/11" alone, as the whole answer, is its last occurrence) and today / yesterday /
/// the day before, this morning, in English and French (words in <c>Resources/dates.json</c>). Dates after the customer's today are refused.
/// </summary>
internal sealed partial class NumericDateRecognizer : IDateRecognizer
{
    private static readonly Lazy<DateWords> Words = new(DateWords.Load);

    public DateRecognition Recognize(string text, DateContext context)
    {
        var numeric = FindIso(text) is null ? NumericDate().Match(text) : null;
        var yearless = numeric is { Success: true } ? null : YearlessDate().Match(TextNormalizer.Fold(text));
        var date = FindIso(text) ?? FindNumeric(text, context.Culture) ?? FindYearless(yearless, context) ?? FindRelative(text, context.Today);
        return date switch
        {
            null => DateRecognition.NotFound,
            { } day when day > context.Today => new DateRecognition(day, DateProblem.InFuture),
            { } day => new DateRecognition(day, DateProblem.None, Ambiguous: (numeric is { Success: true } && IsAmbiguous(numeric)) || (yearless is { Success: true } && IsAmbiguous(yearless))),
        };
    }

    /// <summary>Both numbers could be the month (3/4, not 3/3 nor 13/4).</summary>
    private static bool IsAmbiguous(Match m) => Int(m, 1) <= 12 && Int(m, 2) <= 12 && Int(m, 1) != Int(m, 2);

    private static DateOnly? FindIso(string text) =>
        IsoDate().Match(text) is { Success: true } m ? Day(Int(m, 1), Int(m, 2), Int(m, 3)) : null;

    private static DateOnly? FindNumeric(string text, CultureInfo culture)
    {
        var m = NumericDate().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var monthFirst = culture.DateTimeFormat.ShortDatePattern.TrimStart().StartsWith('M');
        var (month, day) = monthFirst ? (Int(m, 1), Int(m, 2)) : (Int(m, 2), Int(m, 1));
        var year = Int(m, 3);
        return Day(year < 100 ? 2000 + year : year, month, day);
    }

    /// <summary>
    /// "3/11" with no year: this year's if it is not after today or only weeks after it (then a future date, asked about:
    /// see <see cref="PurchaseDateRecognizer.SoonAheadDays"/>), else last year's.
    /// </summary>
    private static DateOnly? FindYearless(Match? m, DateContext context)
    {
        if (m is not { Success: true })
        {
            return null;
        }

        var monthFirst = context.Culture.DateTimeFormat.ShortDatePattern.TrimStart().StartsWith('M');
        var (month, day) = monthFirst ? (Int(m, 1), Int(m, 2)) : (Int(m, 2), Int(m, 1));
        var today = context.Today;
        return Day(today.Year, month, day) is { } thisYear && thisYear.DayNumber - today.DayNumber <= PurchaseDateRecognizer.SoonAheadDays
            ? thisYear
            : Day(today.Year - 1, month, day);
    }

    /// <summary>"yesterday", "ce matin": not after "since" (the problem's start), nor as the anchor of "a week ago today".</summary>
    private static DateOnly? FindRelative(string text, DateOnly today) =>
        Words.Value.DaysBack(TextNormalizer.Fold(text)) is { } daysBack ? today.AddDays(-daysBack) : null;

    private static int Int(Match m, int group) => int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    private static DateOnly? Day(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && year is >= 1900 and <= 9999 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    [GeneratedRegex(@"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d\p{L}-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)")]
    private static partial Regex NumericDate();

    /// <summary>A day and month alone, as the whole answer (folded): "3/11", "on 3/11", "le 3/11"; not "24/7 support".</summary>
    [GeneratedRegex(@"^(?:(?:i bought it |bought it |bought |purchased |je l'ai achete |achete )?(?:on |le )?)(\d{1,2})/(\d{1,2})$")]
    private static partial Regex YearlessDate();
}
