using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Purchase dates as customers write them, in English and French: "last Tuesday", "two weeks ago", "on the 15th",
/// "il y a 5 jours", "avant-hier", "le 12 mars", "vendredi dernier", numeric dates in the customer's culture.
/// Microsoft.Recognizers.Text's DateTimeRecognizer (the design card's package) reads the phrase; this layer makes the
/// result a purchase date, which is always in the past and in the customer's time zone:
/// <list type="bullet">
/// <item>numeric dates, today / yesterday / the day before, first, by the customer's culture (<see cref="NumericDateRecognizer"/>);</item>
/// <item>a date without a year is its last occurrence, a bare day of the month this month's or an earlier one (the
/// recognizer gives 28 February for "the 31st"), a weekday or "last Tuesday" the last such day before today (the
/// recognizer reads "last Tuesday" as the Tuesday of last week);</item>
/// <item>a period is not a day ("last month", "early October", a month alone), and neither are the French ones the
/// recognizer misreads or misses ("le mois dernier" is read as this month, "la semaine passée" as this week,
/// "l'année dernière" not at all, "début/fin octobre" as all of October): the customer is asked for the day;</item>
/// <item>one-letter typos on longer date words are spelt right first (<see cref="DateWords"/>).</item>
/// </list>
/// </summary>
public sealed partial class PurchaseDateRecognizer : IDateRecognizer
{
    private static readonly NumericDateRecognizer Numeric = new();
    private static readonly Lazy<DateWords> Words = new(DateWords.Load);

    /// <summary>
    /// Reads a phrase of each kind in both languages, so that the recognizer's expressions are compiled before a customer
    /// needs them (the first French phrase in words takes seconds otherwise). A host calls it at start, off the request path.
    /// </summary>
    public static void WarmUp()
    {
        var recognizer = new PurchaseDateRecognizer();
        foreach (var (culture, phrases) in WarmUpPhrases)
        {
            var context = new DateContext(DateTimeOffset.UtcNow, TimeZoneInfo.Utc, CultureInfo.GetCultureInfo(culture));
            foreach (var phrase in phrases)
            {
                recognizer.Recognize(phrase, context);
            }
        }
    }

    private static readonly (string Culture, string[] Phrases)[] WarmUpPhrases =
    [
        ("en-US", ["hi, I want a refund for NX-3001, bought on the 15th", "two weeks ago", "last Tuesday", "March the 3rd", "yesterday evening"]),
        ("fr-FR", ["bonjour, je veux être remboursé, acheté le 15", "il y a deux semaines", "vendredi dernier", "le 3 mars", "début octobre"]),
    ];

    /// <summary>The purchase date; a hedged one ("ya 10 jours environ", "around the 15th") is asked for rather than guessed.</summary>
    public DateRecognition Recognize(string text, DateContext context)
    {
        text = SetAsideFigures.Without(text);

        // "bought on the 1st, no wait it was the 3rd, service is broken": the day in the clause after the last
        // correction is the one meant (read alone: the recognizer finds no day in "it was the 3rd, service is broken").
        return Words.Value.AfterLastCorrection(TextNormalizer.Fold(text)) is { } corrected
            && Read(ClauseEnd().Split(corrected.TrimStart(' ', ','))[0], context) is { Date: not null } meant
            ? meant
            : Read(text, context);
    }

    private DateRecognition Read(string text, DateContext context)
    {
        var recognized = RecognizeDay(text, context);
        var language = context.Culture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";
        return recognized is { Date: not null, Problem: DateProblem.None } && Words.Value.IsApproximate(TextNormalizer.Fold(text), language)
            ? new DateRecognition(null, DateProblem.Approximate)
            : recognized;
    }

    /// <summary>
    /// True when the text says it is about the purchase's date or corrects one ("actually", "bought", "acheté"), or is
    /// short enough to be only a date ("dec 3"): a date in it is then a purchase date, not a reason's detail.
    /// </summary>
    public static bool SaysPurchaseOrCorrection(string text)
    {
        var folded = TextNormalizer.Fold(text);
        return folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= OnlyADateWords
            || Words.Value.Corrections.Concat(Words.Value.PurchaseWords).Any(w => TextNormalizer.ContainsPhrase(folded, w));
    }

    /// <summary>At most this many words, an answer that holds a date is taken as only the date ("le 3 décembre").</summary>
    private const int OnlyADateWords = 4;

    /// <summary>The answer without the "since" / "depuis" it starts with ("since monday" → "monday"); null when it starts otherwise.</summary>
    public static string? WithoutLeadingSince(string text)
    {
        var folded = TextNormalizer.Fold(text.Trim());
        return Words.Value.Since.OrderByDescending(w => w.Length).FirstOrDefault(w => TextNormalizer.StartsWithPhrase(folded, w)) is { } since
            ? folded[since.Length..].Trim()
            : null;
    }

    private DateRecognition RecognizeDay(string text, DateContext context)
    {
        var recognized = Numeric.Recognize(text, context);
        if (recognized.Problem != DateProblem.NotFound)
        {
            return recognized;
        }

        var language = context.Culture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";
        var folded = Words.Value.WithoutFillers(Words.Value.Corrected(TextNormalizer.Fold(text), language));
        if (Words.Value.Anchored(folded, language, context.Today) is { } anchored
            && !Vague().IsMatch(anchored)
            && Resolve(RecognizerModels.Dates(language).Parse(anchored, TimeZoneInfo.ConvertTime(context.Now, context.TimeZone).DateTime), context, anchored) is { Date: not null } inPeriod)
        {
            // "the 12th of last month", "à Noël l'an dernier": a day in the month or year named, not that period.
            return inPeriod;
        }

        if (Vague().IsMatch(folded))
        {
            return new DateRecognition(null, DateProblem.Period);
        }

        if (DayOfMonthAlone(language).Match(folded) is { Success: true } dayOnly)
        {
            var number = dayOnly.Groups["day"].Value is "premier" ? 1 : int.Parse(dayOnly.Groups["day"].Value, CultureInfo.InvariantCulture);
            return DayOfMonth(number, context.Today) is { } day
                ? DateRecognition.Found(day)
                : DateRecognition.NotFound;
        }

        if (LastWeekday(language).Match(folded) is { Success: true } last)
        {
            var weeksMore = last.Groups["beforeLast"].Success ? 7 : 0;
            return DateRecognition.Found(WeekdayBefore(Weekday(last.Groups["day"].Value), context.Today).AddDays(-weeksMore));
        }

        if (!Words.Value.MayNameADay(folded))
        {
            return DateRecognition.NotFound;
        }

        var local = TimeZoneInfo.ConvertTime(context.Now, context.TimeZone).DateTime;
        var spoken = language == "fr" ? PurchaseOfDay().Replace(ThereIs().Replace(folded, "il y a "), "${what} le ${day}") : folded;
        return Resolve(RecognizerModels.Dates(language).Parse(spoken, local), context, spoken);
    }

    /// <summary>
    /// The first day the recognizer found, made a purchase date. A period right beside it ("la semaine dernière mardi")
    /// must hold it, or the customer is asked; a period alone asks for the day.
    /// </summary>
    private static DateRecognition Resolve(List<ModelResult> entities, DateContext context, string text)
    {
        ModelResult? period = null;
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            var values = Values(entity);
            if (values.Count == 0 || (values[0].GetValueOrDefault("Mod") == "since" && Words.Value.StartsWithSince(entity.Text)))
            {
                // "since this morning" dates the problem, not the purchase.
                continue;
            }

            var timex = DayOf(values[0].GetValueOrDefault("timex") ?? "");
            if (Day(timex, entity.Text, text, context.Today) is { } found)
            {
                var beside = new[] { period, i + 1 < entities.Count ? entities[i + 1] : null }
                    .OfType<ModelResult>().Where(p => Adjacent(p, entity) && IsPeriod(p)).ToList();
                if (beside.Count > 0 && !beside.All(p => Holds(p, found)))
                {
                    // "la semaine dernière mardi": a weekday within the week beside it; any other day outside its period is asked for.
                    found = WeekdayOnly().IsMatch(timex) ? beside.Select(p => WeekdayIn(p, found.DayOfWeek)).FirstOrDefault(d => d is not null) ?? default : default;
                    if (found == default)
                    {
                        return new DateRecognition(null, DateProblem.Period);
                    }
                }

                return found > context.Today ? new DateRecognition(found, DateProblem.InFuture) : DateRecognition.Found(found);
            }

            period = IsPeriod(entity) ? entity : period;
        }

        return period is null ? DateRecognition.NotFound : new DateRecognition(null, DateProblem.Period);
    }

    /// <summary>
    /// The day part of a TIMEX expression: "monday around 9pm" is XXXX-WXX-1T21, "lundi soir" XXXX-WXX-1TEV (a time
    /// range in that day); the time says nothing of the day. A range between two instants, "(…,…,PT2H)", is kept whole.
    /// </summary>
    private static string DayOf(string timex) =>
        timex.IndexOf('T', StringComparison.Ordinal) is var at and > 0 && !timex.StartsWith('(') ? timex[..at] : timex;

    /// <summary>How far ahead this year a day without a year is taken as this year's (and so in the future), not last year's.</summary>
    internal const int SoonAheadDays = 31;

    /// <summary>The day a TIMEX expression names, as a purchase date; null when it names no single day.</summary>
    private static DateOnly? Day(string timex, string said, string text, DateOnly today)
    {
        if (FullDate().Match(timex) is { Success: true } full)
        {
            return Date(Int(full, "year"), Int(full, "month"), Int(full, "day"));
        }

        if (MonthAndDay().Match(timex) is { Success: true } monthDay)
        {
            // A day without a year is its last occurrence, except one this year within the next weeks ("dec 10" on
            // December 4): the customer more likely mistyped or named a start ahead than meant a year ago, so it stays
            // this year's and is asked about as a future date rather than decided on as 359 days old.
            var thisYear = Date(today.Year, Int(monthDay, "month"), Int(monthDay, "day"));
            var future = FutureWords().IsMatch(TextNormalizer.Fold(said));
            var soon = thisYear is { } day && day.DayNumber - today.DayNumber <= SoonAheadDays && !PastWords().IsMatch(TextNormalizer.Fold(text));
            return thisYear > today && !future && !soon ? Date(today.Year - 1, Int(monthDay, "month"), Int(monthDay, "day")) : thisYear;
        }

        if (DayOnly().Match(timex) is { Success: true } dayOnly)
        {
            return DayOfMonth(Int(dayOnly, "day"), today);
        }

        return WeekdayOnly().Match(timex) is { Success: true } weekday
            ? WeekdayBefore((DayOfWeek)(Int(weekday, "weekday") % 7), today)
            : null;
    }

    private static bool IsPeriod(ModelResult entity) =>
        entity.TypeName.EndsWith("daterange", StringComparison.Ordinal) || entity.TypeName.EndsWith("datetimerange", StringComparison.Ordinal);

    private static bool Adjacent(ModelResult a, ModelResult b) =>
        Math.Max(a.Start, b.Start) - Math.Min(a.End, b.End) <= 2;

    /// <summary>True when one of the period's readings (this year's, last year's) holds the day.</summary>
    private static bool Holds(ModelResult period, DateOnly day) =>
        Periods(period).Any(p => day >= p.Start && day < p.End);

    /// <summary>The <paramref name="weekday"/> in a period of at most a week ("la semaine dernière"), if it has one.</summary>
    private static DateOnly? WeekdayIn(ModelResult period, DayOfWeek weekday) =>
        Periods(period).Where(p => p.End.DayNumber - p.Start.DayNumber <= 7)
            .SelectMany(p => Enumerable.Range(0, p.End.DayNumber - p.Start.DayNumber).Select(p.Start.AddDays))
            .Select(d => (DateOnly?)d).FirstOrDefault(d => d!.Value.DayOfWeek == weekday);

    private static IEnumerable<(DateOnly Start, DateOnly End)> Periods(ModelResult period) =>
        Values(period).Select(v => (Start: ParseDay(v.GetValueOrDefault("start")), End: ParseDay(v.GetValueOrDefault("end"))))
            .Where(p => p.Start is not null && p.End is not null).Select(p => (p.Start!.Value, p.End!.Value));

    private static DateOnly? ParseDay(string? value) =>
        value is { Length: >= 10 } && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static List<Dictionary<string, string>> Values(ModelResult entity) =>
        entity.Resolution?.TryGetValue("values", out var values) == true && values is IEnumerable<Dictionary<string, string>> list ? list.ToList() : [];

    /// <summary>The most recent <paramref name="weekday"/> before today ("Friday" on a Friday is a week ago: today would be "today").</summary>
    private static DateOnly WeekdayBefore(DayOfWeek weekday, DateOnly today)
    {
        var back = ((int)today.DayOfWeek - (int)weekday + 7) % 7;
        return today.AddDays(-(back == 0 ? 7 : back));
    }

    /// <summary>This month's day, or the latest earlier month's that has it and is not after today.</summary>
    private static DateOnly? DayOfMonth(int day, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        for (var back = 0; back < 3; back++, month = month.AddMonths(-1))
        {
            if (day <= DateTime.DaysInMonth(month.Year, month.Month) && new DateOnly(month.Year, month.Month, day) <= today)
            {
                return new DateOnly(month.Year, month.Month, day);
            }
        }

        return null;
    }

    private static DateOnly? Date(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && year is >= 1 and <= 9999 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    private static DayOfWeek Weekday(string word) => word[..2] switch
    {
        "mo" or "lu" => DayOfWeek.Monday,
        "tu" or "ma" => DayOfWeek.Tuesday,
        "we" or "me" => DayOfWeek.Wednesday,
        "th" or "je" => DayOfWeek.Thursday,
        "fr" or "ve" => DayOfWeek.Friday,
        "sa" => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };

    private static Regex DayOfMonthAlone(string language) => language == "fr" ? FrenchDayAlone() : EnglishDayAlone();

    private static Regex LastWeekday(string language) => language == "fr" ? FrenchLastWeekday() : EnglishLastWeekday();

    /// <summary>Periods and vague days, in both languages (folded text): asked for the day rather than guessed.</summary>
    [GeneratedRegex(@"(?<!(monday|tuesday|wednesday|thursday|friday|saturday|sunday) )\b(last|this|past|previous) (week|month|year)\b(?! (on )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday))|(?<!(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (de )?)\b(la|cette) semaine(?>( derniere| passee)?)(?! (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche))|\b(le|ce) mois( dernier| passe|-ci)?\b|\bl'(annee|an) (derniere|dernier|passee|passe)\b|\bcette annee\b"
        + @"|\b(early|late|mid|mid-|beginning of|start of|end of|the end of|middle of|sometime in) ?(january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b"
        + @"|\b(debut|fin|mi|courant|milieu|vers la fin|au debut)[ -](de |d'|du mois de |du mois d')?(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b"
        + @"|^(in |en |au mois de |au mois d'|sometime in )?(january|february|march|april|june|july|august|september|october|november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)( \d{4})?$")]
    private static partial Regex Vague();

    [GeneratedRegex(@"\b(?:last|past|previous) (?<day>monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thu|friday|fri|saturday|sat|sunday|sun)\b|\b(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday) (?<beforeLast>before last)\b")]
    private static partial Regex EnglishLastWeekday();

    [GeneratedRegex(@"\b(?<day>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (?:(?<beforeLast>avant-dernier|avant dernier)|dernier|passe)\b")]
    private static partial Regex FrenchLastWeekday();

    [GeneratedRegex(@"^(?:(?:i think |i believe |i guess |it was |i bought it |bought it |bought |purchased it |purchased |got it )*)(?:on )?(?:the )?(?<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)$")]
    private static partial Regex EnglishDayAlone();

    [GeneratedRegex(@"^(?:(?:je crois |je pense |c'etait |je l'ai achete |achete )*)(?:le )?(?:(?<day>[1-9]|[12]\d|3[01])(?:er)?|(?<day>premier))$")]
    private static partial Regex FrenchDayAlone();

    [GeneratedRegex(@"[,;!?]|\.(?!\d)")]
    private static partial Regex ClauseEnd();

    /// <summary>"achat du 26", "commande du 3" for "achat le 26" (the recognizer reads "du 26" as no day; "du 12 mars" it reads).</summary>
    [GeneratedRegex(@"\b(?<what>achats?|commandes?|paiements?|prelevements?|abonnements?|factures?|souscriptions?) du (?<day>[1-9]|[12]\d|3[01]|1er|premier)\b(?! ?(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|/|-|\.\d))")]
    private static partial Regex PurchaseOfDay();

    /// <summary>"y a 3 jours", as it is typed, for "il y a 3 jours" (the recognizer reads only a duration).</summary>
    [GeneratedRegex(@"(?<!\bil |\bn'|')\by ?a (?=\S+ (?:jours?|semaines?|mois|ans?)\b)")]
    private static partial Regex ThereIs();

    [GeneratedRegex(@"\b(next|coming|prochain|prochaine|dans)\b")]
    private static partial Regex FutureWords();

    /// <summary>"le 15 décembre dernier", "last december 15": the customer says it is last year's.</summary>
    [GeneratedRegex(@"\b(last|dernier|derniere|passe|passee)\b")]
    private static partial Regex PastWords();

    [GeneratedRegex(@"^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})")]
    private static partial Regex FullDate();

    [GeneratedRegex(@"^XXXX-(?<month>\d{2})-(?<day>\d{2})$")]
    private static partial Regex MonthAndDay();

    [GeneratedRegex(@"^XXXX-XX-(?<day>\d{2})$")]
    private static partial Regex DayOnly();

    [GeneratedRegex(@"^XXXX-WXX-(?<weekday>[1-7])$")]
    private static partial Regex WeekdayOnly();
}
