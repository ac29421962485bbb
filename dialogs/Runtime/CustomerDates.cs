using System.Globalization;

namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// Dates in a sentence, with the customer's pattern ("format.date", "format.dateTime") and culture; in French the
/// first of the month is "1er" ("1er décembre 2026", never "1 décembre 2026").
/// </summary>
internal static class CustomerDates
{
    public static string Format(DateOnly date, string pattern, CultureInfo culture) =>
        date.ToString(Pattern(date.Day, pattern, culture), culture);

    public static string Format(DateTimeOffset instant, string pattern, CultureInfo culture) =>
        instant.ToString(Pattern(instant.Day, pattern, culture), culture);

    private static string Pattern(int day, string pattern, CultureInfo culture) =>
        day == 1 && culture.TwoLetterISOLanguageName == "fr" && pattern.StartsWith("d ", StringComparison.Ordinal)
            ? "d'er'" + pattern[1..]
            : pattern;
}
