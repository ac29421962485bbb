using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Reads an answer to a question that counts something in a unit (hours, days, percent), with Microsoft's
/// recognizers (durations from DateTimeRecognizer, numbers in words or digits from NumberRecognizer, EN and FR):
/// "depuis 3 jours au moins" to an hours question is 72, "deux semaines" to a days question 14, "since the 15th" to a
/// days question the days since that date. A conversion, an approximation or a count from a date is marked so that it
/// is read back to the customer before it is used; an answer with two candidate values ("2 or 3 days") or no figure
/// at all ("a few hours") is not read.
/// The French collective numbers the recognizers miss ("une quinzaine") and the hedging words they drop ("about")
/// are language data in <c>Resources/quantities.json</c>.
/// </summary>
public sealed partial class QuantityRecognizer(IDateRecognizer dates)
{
    private static readonly Lazy<QuantityWords> Words = new(QuantityWords.Load);
    private static readonly Lazy<Models> English = new(() => new Models("en", Culture.English));
    private static readonly Lazy<Models> French = new(() => new Models("fr", Culture.French));

    /// <summary>
    /// Builds the recognizers' models for both languages and runs each kind of phrase through them once (numbers in
    /// words, durations, dates, times: their expressions are compiled on first use, seconds in all): a host calls it
    /// at start so that no customer waits for it.
    /// </summary>
    public static void WarmUp()
    {
        var now = DateTime.Now;
        _ = Words.Value;
        foreach (var phrase in WarmUpPhrases.English)
        {
            English.Value.Read(phrase, now);
        }

        foreach (var phrase in WarmUpPhrases.French)
        {
            French.Value.Read(phrase, now);
        }
    }

    private static class WarmUpPhrases
    {
        public static readonly string[] English = ["about three days", "since the 15th so 2 weeks", "a dozen", "36 hrs", "since yesterday", "half", "at 8 pm"];
        public static readonly string[] French = ["depuis trois jours au moins", "depuis le 15, environ 2 semaines", "douze", "36h", "depuis hier", "un quart", "20 heures"];
    }

    /// <summary>
    /// The value in <paramref name="unit"/>, or null when it cannot be read for sure. An answer in the other language
    /// ("depuis 3 jours" in an English chat, where the English models see only "3") is read in that language when
    /// only that language finds a duration or a date in it.
    /// </summary>
    public Quantity? Recognize(string text, FactUnit unit, DateContext context)
    {
        var language = Language(context);
        text = SetAsideFigures.Without(text);
        if (unit != FactUnit.Hours && !text.Any(char.IsDigit) && Words.Value.SaysInAnyLanguage(Words.Value.NoneThroughLimit, text))
        {
            return new Quantity(0, QuantityKind.Plain);
        }

        if (AsksForTheFigure(text, context) || Words.Value.SaysInAnyLanguage(Words.Value.Vague, text))
        {
            return null;
        }

        // "3 of the 10 sessions": a part of a whole, to a percent question, read back.
        if (unit == FactUnit.Percent && Words.Value.PartOfWhole(text, language) is { } part)
        {
            return new Quantity(part.Percent, QuantityKind.Converted, part.Words);
        }

        // "la moitié", "a quarter": a share in words, to a percent question.
        if (unit == FactUnit.Percent && !text.Any(char.IsDigit) && Words.Value.ShareOf(text, language) is { } share)
        {
            return new Quantity(share.Percent, QuantityKind.Converted, share.Words);
        }

        // "didn't use it at all", "jamais utilisé": no figure, and none is needed (days or percent used).
        if (unit != FactUnit.Hours && !text.Any(char.IsDigit) && Words.Value.SaysInAnyLanguage(Words.Value.None, text))
        {
            return new Quantity(0, QuantityKind.Plain);
        }

        var (own, sawTime) = RecognizeIn(text, unit, context, language);
        if (sawTime)
        {
            return own;
        }

        var (other, _) = RecognizeIn(text, unit, context, language == "fr" ? "en" : "fr");
        return other is { Said: not null } or { Since: not null } ? other : own;
    }

    /// <summary>
    /// True when the answer gives a limit rather than a figure: a bound ("at least 3 days", "less than 50", "almost a
    /// month"), a loose limit ("même pas 10") or a negated figure ("not 50 hours yet", "ça ne fait pas encore 50 heures").
    /// Counting the figure would misread it.
    /// </summary>
    public bool IsLimit(string text, DateContext context) =>
        Words.Value.SaysBound(SetAsideFigures.Without(text)) || AsksForTheFigure(text, context);

    /// <summary>A loose limit ("barely a week", "même pas 10") or a negated figure: no side of the figure is known, it is asked for.</summary>
    private bool AsksForTheFigure(string text, DateContext context)
    {
        text = SetAsideFigures.Without(text);
        if (Words.Value.SaysInAnyLanguage(Words.Value.Limits, text))
        {
            return true;
        }

        var language = Language(context);
        var (rewritten, _) = Words.Value.RewriteCollectives(Words.Value.RewritePhrases(text, language), language);
        var local = TimeZoneInfo.ConvertTime(context.Now, context.TimeZone).DateTime;
        return (language == "fr" ? French : English).Value.Read(rewritten, local).FirstStart is { } start
            && Words.Value.EndsNegated(rewritten[..start]);
    }

    private static string Language(DateContext context) => context.Culture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";

    /// <returns>The quantity, and whether the language's models saw a duration or a date in the text at all.</returns>
    private (Quantity? Quantity, bool SawTime) RecognizeIn(string text, FactUnit unit, DateContext context, string language)
    {
        var (rewritten, collective) = Words.Value.RewriteCollectives(Words.Value.RewritePhrases(text, language), language);
        var approximate = collective || Words.Value.Says(Words.Value.Approximate, text, language);
        var saysSince = Words.Value.Says(Words.Value.Since, text, language);
        var local = TimeZoneInfo.ConvertTime(context.Now, context.TimeZone).DateTime;
        var reading = (language == "fr" ? French : English).Value.Read(rewritten, local);
        var sawTime = reading.Durations.Count > 0 || reading.Dates > 0;
        if (Joined(reading.Durations, rewritten, language) is { } joined)
        {
            reading = reading with { Durations = [joined] };
        }

        // "at least 72 hours", "3 jours au moins", "almost a month": a bound, not the figure; bound words elsewhere, unread.
        var bound = BoundOf(rewritten, reading);
        if (reading.StrayNumbers || reading.Durations.Count > 1 || bound is not { } side)
        {
            return (null, sawTime);
        }

        approximate |= reading.FirstStart is { } first && Words.Value.HedgedBeforeFigure(rewritten[..first]);

        // "3/4 of it" to a percent question is a share, though the date model also reads 3 April in it: read back.
        if (unit == FactUnit.Percent && reading is { Durations: [], Numbers: [{ IsFraction: true, Value: > 0 and <= 1 } fraction] })
        {
            return (new Quantity(fraction.Value * 100, QuantityKind.Converted, fraction.Text, Bound: side, Hedged: approximate), true);
        }

        if (unit == FactUnit.Days && side == QuantityBound.None && DaysSince(reading, text, language, saysSince, context) is { } fromDate)
        {
            return (fromDate, true);
        }

        if (unit == FactUnit.Hours && side == QuantityBound.None && saysSince && reading is { SinceHour: { } sinceHour, Durations: [] })
        {
            return (HoursSince(sinceHour, context, approximate), true);
        }

        if (reading.Durations is [var duration])
        {
            return (FromDuration(duration, unit, approximate || duration.Approximate, side), true);
        }

        // "20 heures" is also 8 pm to the French model, "2h30" half past two: as an answer to an hours question (without
        // "depuis") it is most likely a count of hours, but it is read back rather than assumed.
        if (unit == FactUnit.Hours && reading is { ClockHour: { } hour, Dates: 1 } && !saysSince)
        {
            return (new Quantity(hour, QuantityKind.Approximate, Bound: side, Hedged: approximate), true);
        }

        // "3 dayz", "3 jorus": a number followed by words nobody read is not taken as it stands; "since 11", "depuis 10" is
        // an hour of the day as much as a count.
        return (reading is { Numbers: [var number], Dates: 0 } && !saysSince ? FromNumber(number, unit, approximate, number.FollowedByWords, side) : null, sawTime);
    }

    /// <summary>The bound said right before or after the figures, None without one; null when bound words stand elsewhere.</summary>
    private static QuantityBound? BoundOf(string text, Reading reading) =>
        reading is { FirstStart: { } first, LastEnd: { } last }
            ? Words.Value.BoundBeside(text, first, last)
            : Words.Value.SaysBound(text) ? null : QuantityBound.None;

    /// <summary>
    /// "2 jours et 5 heures", "2 days and 5 hours": two durations joined by "and", the larger first, are one duration (in
    /// the customer's words, read back); any other pair is two candidate values and is not read.
    /// </summary>
    private static Duration? Joined(List<Duration> durations, string text, string language)
    {
        if (durations is not [var first, var second] || first.Seconds <= second.Seconds || second.Start <= first.End
            || second.End >= text.Length)
        {
            return null;
        }

        var between = text[(first.End + 1)..second.Start].Trim(' ', ',');
        return Words.Value.DurationJoins.GetValueOrDefault(language, []).Contains(TextNormalizer.Fold(between), StringComparer.Ordinal)
            ? new Duration(first.Seconds + second.Seconds, 0, first.Unit, first.Approximate || second.Approximate, first.Start, second.End,
                text[first.Start..(second.End + 1)])
            : null;
    }

    /// <summary>"since 8am" at noon: 4 hours, read back with the hour.</summary>
    private static Quantity HoursSince(TimeOnly hour, DateContext context, bool approximate)
    {
        var now = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, context.TimeZone).DateTime);
        return new Quantity(decimal.Round((decimal)(now - hour).TotalHours, 1), QuantityKind.FromHour, SinceHour: hour, Hedged: approximate);
    }

    /// <summary>The days from a date the answer gives ("since the 15th") to today, when it gives one in the past.</summary>
    private Quantity? DaysSince(Reading reading, string text, string language, bool saysSince, DateContext context)
    {
        var askDateParser = reading.Durations.Count > 0 || reading.Numbers.Count == 0 || saysSince;
        var since = reading.Since ?? (askDateParser ? SinceByDateParser(text, language, context) : null);
        return since is { } day && day <= context.Today
            ? new Quantity(context.Today.DayNumber - day.DayNumber, QuantityKind.FromDate, Since: day)
            : null;
    }

    /// <param name="unsure">Words nobody read follow the number ("3 dayz"): read back, though not hedged.</param>
    private static Quantity FromNumber(Number number, FactUnit unit, bool hedged, bool unsure, QuantityBound bound) =>
        unit == FactUnit.Percent && number.IsFraction && !number.Text.Any(char.IsDigit)
            ? new Quantity(number.Value * 100, QuantityKind.Converted, number.Text, Bound: bound, Hedged: hedged)
            : new Quantity(number.Value, hedged || unsure ? QuantityKind.Approximate : QuantityKind.Plain, Bound: bound, Hedged: hedged);

    /// <summary>The purchase-date parser, for the dates the recognizer misses in English ("since the 15th").</summary>
    /// <remarks>"since" is taken off first: the parser reads "the 15th", not "since the 15th".
    /// The text is read a clause at a time ("since the 15th | about 2 weeks"): the parser wants one date and little else.</remarks>
    private DateOnly? SinceByDateParser(string text, string language, DateContext context) =>
        Words.Value.Clauses(text, language)
            .Select(clause => dates.Recognize(Words.Value.WithoutSince(clause, language), context))
            .FirstOrDefault(r => r is { Date: not null, Problem: DateProblem.None })?.Date;

    private static Quantity? FromDuration(Duration duration, FactUnit unit, bool approximate, QuantityBound bound)
    {
        var seconds = unit switch
        {
            FactUnit.Hours => 3600m,
            FactUnit.Days => 86400m,
            _ => 0m,
        };
        if (seconds == 0)
        {
            return null;
        }

        var value = decimal.Round(duration.Seconds / seconds, 2);
        var sameUnit = duration.Unit == unit.ToString().ToLowerInvariant() && duration.Words is null;
        var kind = !sameUnit ? QuantityKind.Converted : approximate ? QuantityKind.Approximate : QuantityKind.Plain;
        return duration.Words is { } words
            ? new Quantity(value, kind, SaidText: words, Bound: bound, Hedged: approximate)
            : new Quantity(value, kind, Said: new SaidDuration(duration.Amount, duration.Unit, approximate), Bound: bound, Hedged: approximate);
    }

    /// <param name="Words">The customer's words, for a duration not in one unit ("3 hours 15 minutes", "un jour et demi"): read back as said.</param>
    private sealed record Duration(decimal Seconds, decimal Amount, string Unit, bool Approximate, int Start, int End, string? Words = null);

    /// <param name="FollowedByWords">Words come after the number ("3 dayz"): not a bare number.</param>
    private sealed record Number(decimal Value, bool IsFraction, string Text, bool FollowedByWords = false);

    /// <param name="ClockHour">The hour of a lone time of day ("20 heures" read as 20:00), which may be a count of hours.</param>
    /// <param name="FirstStart">Where the first figure (a number, a duration, a date) begins in the text read.</param>
    /// <param name="LastEnd">Where the last figure ends (its last character) in the text read.</param>
    /// <param name="SinceHour">The hour today a "since" starts at, written as an hour ("since 8am", "depuis 8h ce matin").</param>
    private sealed record Reading(List<Duration> Durations, List<Number> Numbers, DateOnly? Since, int Dates, bool StrayNumbers, decimal? ClockHour, int? FirstStart, int? LastEnd, TimeOnly? SinceHour = null);

    /// <summary>One language's models (shared with the date recognizer: see <see cref="RecognizerModels"/>).</summary>
    private sealed class Models(string language, string culture)
    {
        private readonly Microsoft.Recognizers.Text.DateTime.DateTimeModel _dateTime = RecognizerModels.Dates(language);
        private readonly IModel _numbers = RecognizerModels.Numbers(language);
        private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(culture);

        /// <summary>
        /// The last reading made on this thread: an answer is read for a limit and then for its value, the same text at
        /// the same moment, and reading it is what costs (the models' expressions run over the whole text).
        /// </summary>
        [ThreadStatic]
        private static (Models? Models, string? Text, DateTime Now, Reading? Reading) _last;

        public Reading Read(string text, DateTime now)
        {
            if (_last is { Reading: { } known } && ReferenceEquals(_last.Models, this) && _last.Text == text && _last.Now == now)
            {
                return known;
            }

            var reading = ReadNow(text, now);
            _last = (this, text, now, reading);
            return reading;
        }

        private Reading ReadNow(string text, DateTime now)
        {
            var entities = _dateTime.Parse(text, now);
            var durations = new List<Duration>();
            DateOnly? since = null;
            var dateCount = 0;
            decimal? clockHour = null;
            foreach (var entity in entities)
            {
                var values = Values(entity);
                if (entity.TypeName.EndsWith(".duration", StringComparison.Ordinal) && ToDuration(entity, values) is { } duration)
                {
                    durations.Add(duration);
                }
                else if (entity.TypeName.EndsWith(".time", StringComparison.Ordinal) && values is [var time, ..]
                    && ClockHourTimex().Match(time.GetValueOrDefault("timex") ?? "") is { Success: true } clock)
                {
                    // "10 heures" is 10:00 or 22:00 to the model, "2h30" 02:30 or 14:30: the first reading is the figure written.
                    var minutes = clock.Groups["minute"].Success ? int.Parse(clock.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
                    clockHour = int.Parse(clock.Groups["hour"].Value, CultureInfo.InvariantCulture) + minutes / 60m;
                    dateCount++;
                }
                else if (LatestPastStart(values, DateOnly.FromDateTime(now)) is { } start)
                {
                    since = start;
                    dateCount++;
                }
                else
                {
                    dateCount++;
                }
            }

            var numbers = _numbers.Parse(text).Select(r => ToNumber(r, text)).ToList();
            var stray = numbers.Any(n => !entities.Any(e => n.Start >= e.Start && n.End <= e.End));

            // "un jour et demi" comes back from the French model as one day: the fraction after a whole duration's unit is
            // added to it ("un jour et demi" is a day and a half, read back in the customer's words); any other fraction
            // inside a whole duration is a misreading.
            for (var i = 0; i < durations.Count; i++)
            {
                var d = durations[i];
                if (d.Amount == decimal.Truncate(d.Amount) && d.Amount > 0 && d.Words is null
                    && numbers.Where(n => n.Number.IsFraction && n.Start > d.Start && n.End <= d.End).ToList() is [var part]
                    && part.Number.Value is > 0 and < 1
                    && numbers.Count(n => !n.Number.IsFraction && n.Start >= d.Start && n.End <= d.End) <= 1)
                {
                    durations[i] = d with { Seconds = d.Seconds * (d.Amount + part.Number.Value) / d.Amount, Amount = d.Amount + part.Number.Value, Words = text[d.Start..Math.Min(text.Length, d.End + 1)] };
                }
            }

            var halfLost = numbers.Any(n => n.Number.IsFraction
                && durations.Any(d => d.Amount == decimal.Truncate(d.Amount) && d.Words is null && n.Start >= d.Start && n.End <= d.End));
            int? firstStart = entities.Select(e => e.Start).Concat(numbers.Select(n => n.Start)).DefaultIfEmpty(-1).Min() is var first and >= 0 ? first : null;
            int? lastEnd = entities.Select(e => e.End).Concat(numbers.Select(n => n.End)).DefaultIfEmpty(-1).Max() is var last and >= 0 ? last : null;
            var sinceHour = entities.Select(e => SinceHourToday(Values(e), now)).OfType<TimeOnly>().ToList() is [var hour] ? hour : (TimeOnly?)null;
            return new Reading(durations, numbers.Select(n => n.Number).ToList(), since, dateCount, (stray && entities.Count > 0) || halfLost, clockHour, firstStart, lastEnd, sinceHour);
        }

        private (Number Number, int Start, int End) ToNumber(ModelResult result, string text)
        {
            var after = result.Start + result.Text.Length;
            var followed = after < text.Length && text[after..].Any(char.IsLetter);
            var resolved = result.Resolution?.TryGetValue("value", out var raw) == true ? raw?.ToString() ?? "" : "";
            var fraction = result.Resolution?.TryGetValue("subtype", out var subtype) == true && subtype?.ToString() == "fraction";
            var value = result.Text.Any(char.IsDigit) && !fraction ? NumberRecognizer.TryParse(result.Text, _culture) : null;
            value ??= decimal.TryParse(resolved, NumberStyles.Number, _culture, out var parsed) ? parsed : 0m;
            return (new Number(value.Value, fraction, result.Text, followed), result.Start, result.End);
        }

        private static List<Dictionary<string, string>> Values(ModelResult entity) =>
            entity.Resolution?.TryGetValue("values", out var values) == true && values is IEnumerable<Dictionary<string, string>> list ? list.ToList() : [];

        private static Duration? ToDuration(ModelResult entity, List<Dictionary<string, string>> values)
        {
            if (values is not [var value] || !decimal.TryParse(value.GetValueOrDefault("value"), NumberStyles.Number, CultureInfo.InvariantCulture, out var seconds))
            {
                return null;
            }

            var timex = SimpleTimex().Match(value.GetValueOrDefault("timex") ?? "");
            if (!timex.Success)
            {
                // "3 hours 15 minutes" (PT3H15M), "1 day and 6 hours" (P1DT6H): counted in its largest unit, read back as said.
                return CompoundTimex().Match(value.GetValueOrDefault("timex") ?? "") is { Success: true } compound && seconds > 0
                    ? new Duration(seconds, 0, compound.Groups["days"].Success || compound.Groups["weeks"].Success ? "days" : "hours", value.GetValueOrDefault("Mod") == "approx", entity.Start, entity.End, entity.Text)
                    : null;
            }

            var unit = (timex.Groups["time"].Success, timex.Groups["unit"].Value) switch
            {
                (true, "H") => "hours",
                (true, "M") => "minutes",
                (true, _) => "seconds",
                (false, "D") => "days",
                (false, "W") => "weeks",
                (false, "M") => "months",
                _ => "years",
            };
            var amount = decimal.Parse(timex.Groups["amount"].Value, CultureInfo.InvariantCulture);
            return new Duration(seconds, amount, unit, value.GetValueOrDefault("Mod") == "approx", entity.Start, entity.End);
        }

        /// <summary>
        /// The hour earlier today a "since" range starts at, when it is written as an hour the model reads one way ("since
        /// 8am", "depuis 8h ce matin", "since 8 this morning"). Not "this morning", nor "hier soir" (which the model reads
        /// as today's evening), nor an hour it reads two ways: "depuis 10h" (10:00 or 22:00) may as well be ten hours.
        /// </summary>
        private static TimeOnly? SinceHourToday(List<Dictionary<string, string>> values, DateTime now) =>
            values is [var value] && value.GetValueOrDefault("Mod") == "since" && HourTimex().IsMatch(value.GetValueOrDefault("timex") ?? "")
                && StartToday(value.GetValueOrDefault("start") ?? "", now) is { } at && at <= TimeOnly.FromDateTime(now)
                ? at
                : null;

        /// <summary>"08:00:00" or "2026-12-01 08:00:00" on the day of <paramref name="now"/>: the hour; another day's, null.</summary>
        private static TimeOnly? StartToday(string start, DateTime now) =>
            TimeOnly.TryParse(start, CultureInfo.InvariantCulture, out var hour) ? hour
            : DateTime.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && at.Date == now.Date ? TimeOnly.FromDateTime(at)
            : null;

        /// <summary>A date or "since" range's start, the latest one that is not after today ("the 15th" is this month's or last month's).</summary>
        private static DateOnly? LatestPastStart(List<Dictionary<string, string>> values, DateOnly today) =>
            values
                .Select(v => v.GetValueOrDefault("type") == "date" ? v.GetValueOrDefault("value") : v.GetValueOrDefault("Mod") == "since" ? v.GetValueOrDefault("start") : null)
                .Select(s => s is not null && DateOnly.TryParse(s[..Math.Min(10, s.Length)], CultureInfo.InvariantCulture, out var d) ? d : (DateOnly?)null)
                .Where(d => d <= today)
                .Max();
    }

    [GeneratedRegex(@"^T(?<hour>\d{2})(?::(?<minute>[0-5]\d))?$")]
    private static partial Regex ClockHourTimex();

    /// <summary>An hour of a day, with or without the day: T08, T08:30, 2026-12-01T08 (not TMO, a part of the day).</summary>
    [GeneratedRegex(@"^(?:\d{4}-\d{2}-\d{2})?T\d{2}(?::[0-5]\d)?$")]
    private static partial Regex HourTimex();

    [GeneratedRegex(@"^P(?<time>T)?(?<amount>\d+(\.\d+)?)(?<unit>[YMWDHS])$")]
    private static partial Regex SimpleTimex();

    /// <summary>Days and hours, or hours and minutes, in one duration (at least two parts).</summary>
    [GeneratedRegex(@"^P(?:(?<weeks>\d+)W)?(?:(?<days>\d+)D)?(?:T(?:(?<hours>\d+)H)?(?:(?<minutes>\d+)M)?)?$")]
    private static partial Regex CompoundTimex();
}
