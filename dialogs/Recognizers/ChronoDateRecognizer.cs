using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Prompts;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Dates as customers write them, in English and French: "last Tuesday", "two weeks ago", "on the 15th", "il y a 5 jours",
/// "avant-hier", "le 12 mars", "vendredi dernier", numeric dates in the customer's culture. chrono-node (in V8) reads the
/// phrase; this layer fixes what it gets wrong for a purchase date, which is always in the past: a date without a year
/// or a bare weekday is moved back to its last occurrence; "avant-hier" is two days back (chrono reads "hier"; the
/// numeric recognizer, tried first, handles today / yesterday / the day before in both languages); a bare
/// day of the month is this month's or last month's; a period ("last month", "la semaine dernière") is not a day.
/// Numeric dates keep the culture's order, and an ambiguous one (3/4) is flagged for confirmation.
/// </summary>
public sealed partial class ChronoDateRecognizer : IDateRecognizer
{
    private static readonly NumericDateRecognizer Numeric = new();

    public DateRecognition Recognize(string text, DateContext context)
    {
        var language = context.Culture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";
        var recognized = Numeric.Recognize(text, context);
        if (recognized.Problem != DateProblem.NotFound)
        {
            return recognized;
        }

        var folded = TextNormalizer.Fold(text);
        if (Period().IsMatch(folded))
        {
            return new DateRecognition(null, DateProblem.Period);
        }

        if (DayOfMonthAlone(language).Match(folded) is { Success: true } dayOnly)
        {
            return DayOfMonth(int.Parse(dayOnly.Groups["day"].Value, CultureInfo.InvariantCulture), context);
        }

        var local = TimeZoneInfo.ConvertTime(context.Now, context.TimeZone);
        // chrono reads "May 3rd" but not "May the 3rd", as people say it.
        var spoken = language == "en" ? MonthTheDay().Replace(text, "$1 $2") : text;
        var json = ChronoEngines.Instance.Parse(spoken, language, local.DateTime, (int)local.Offset.TotalMinutes);
        using var results = JsonDocument.Parse(json);
        return results.RootElement.GetArrayLength() == 0 ? DateRecognition.NotFound : Resolve(results.RootElement[0], context);
    }

    private static DateRecognition Resolve(JsonElement result, DateContext context)
    {
        var known = result.GetProperty("known");
        var implied = result.GetProperty("implied");
        int? Known(string name) => known.TryGetProperty(name, out var v) ? v.GetInt32() : null;
        int Value(string name) => Known(name) ?? implied.GetProperty(name).GetInt32();

        if (Known("day") is null && Known("weekday") is null)
        {
            return new DateRecognition(null, DateProblem.Period);
        }

        var date = new DateOnly(Value("year"), Value("month"), Value("day"));
        var saysFuture = FutureWords().IsMatch(TextNormalizer.Fold(result.GetProperty("text").GetString() ?? ""));
        if (date > context.Today && Known("year") is null && !saysFuture)
        {
            date = Known("day") is null ? date.AddDays(-7) : date.AddYears(-1);
        }

        return Check(date, context);
    }

    private static DateRecognition DayOfMonth(int day, DateContext context)
    {
        var month = new DateOnly(context.Today.Year, context.Today.Month, 1);
        for (var back = 0; back < 3; back++, month = month.AddMonths(-1))
        {
            if (day <= DateTime.DaysInMonth(month.Year, month.Month) && new DateOnly(month.Year, month.Month, day) <= context.Today)
            {
                return DateRecognition.Found(new DateOnly(month.Year, month.Month, day));
            }
        }

        return DateRecognition.NotFound;
    }

    private static DateRecognition Check(DateOnly date, DateContext context) =>
        date > context.Today ? new DateRecognition(date, DateProblem.InFuture) : DateRecognition.Found(date);

    [GeneratedRegex(@"\b(last|this|past) (week|month|year)\b|\b(la|cette) semaine( derniere| passee)?\b|\b(le|ce) mois( dernier| passe|-ci)?\b|\bl'annee (derniere|passee)\b|\bcette annee\b")]
    private static partial Regex Period();

    [GeneratedRegex(@"\b(january|february|march|april|may|june|july|august|september|sept|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\s+the\s+(\d{1,2}(?:st|nd|rd|th)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthTheDay();

    [GeneratedRegex(@"\b(next|coming|prochain|prochaine|dans)\b")]
    private static partial Regex FutureWords();

    private static Regex DayOfMonthAlone(string language) => language == "fr" ? FrenchDayAlone() : EnglishDayAlone();

    [GeneratedRegex(@"^(?:(?:i bought it |bought |purchased )?on )?(?:the )?(?<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)$")]
    private static partial Regex EnglishDayAlone();

    [GeneratedRegex(@"^(?:(?:je l'ai achete |achete )?le )?(?<day>[1-9]|[12]\d|3[01])(?:er)?$")]
    private static partial Regex FrenchDayAlone();
}
