using System.Text.Json;
using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// The words of <c>Resources/dates.json</c>: the date words whose one-letter typos ("tusday", "yesterdy", "febuary",
/// "vendredu", "semiane") are spelt right before the recognizer reads the text. Only words of six letters or more are
/// corrected, and only to a word one edit away (a letter missing, extra, changed or two swapped), so that "match" never
/// becomes "march".
/// </summary>
internal sealed partial class DateWords
{
    private const int ShortestCorrected = 6;

    public Dictionary<string, List<string>> Spelling { get; init; } = [];

    /// <summary>Words that name a day by its distance from today ("yesterday", "avant-hier", "ce matin"): days back.</summary>
    public Dictionary<string, int> RelativeDays { get; init; } = [];

    /// <summary>
    /// Words that make the date after them the start of a problem, not a purchase ("since this morning", "depuis hier"):
    /// a first message that says "channels won't load since this morning" gives no purchase date.
    /// </summary>
    public List<string> Since { get; init; } = [];

    /// <summary>Words of a count back from today ("a week ago today", "il y a 10 jours"): "today" then anchors the count, it is not the day.</summary>
    public List<string> Ago { get; init; } = [];

    /// <summary>Hedges that make a date approximate ("ya 10 jours environ", "around the 15th"): the day is asked for, not guessed.</summary>
    public Dictionary<string, List<string>> Approximate { get; init; } = [];

    /// <summary>The days back a relative day word names, unless it follows "since" or anchors a count back ("a week ago today").</summary>
    public int? DaysBack(string folded)
    {
        if (Ago.Any(w => TextNormalizer.ContainsPhrase(folded, w)))
        {
            return null;
        }

        foreach (var (phrase, daysBack) in RelativeDays.OrderByDescending(p => p.Key.Length))
        {
            if (TextNormalizer.ContainsPhrase(folded, phrase) && !AfterSince(folded, phrase))
            {
                return daysBack;
            }
        }

        return null;
    }

    /// <summary>True when a word of <see cref="Since"/> stands right before <paramref name="phrase"/> in the folded text.</summary>
    public bool AfterSince(string folded, string phrase) =>
        Since.Any(w => TextNormalizer.ContainsPhrase(folded, $"{w} {phrase}"));

    /// <summary>
    /// Words that, within <see cref="HedgeReach"/> words of a hedge, make it a hedge on the date ("about 2 weeks ago",
    /// "around the 15th", "la semaine dernière environ"): a number, or a word of <c>approximateNear</c> (units of time,
    /// weekdays, months, "yesterday"). "I changed my mind about the subscription I took yesterday" hedges no date.
    /// </summary>
    public Dictionary<string, List<string>> ApproximateNear { get; init; } = [];

    /// <summary>How many words on either side of a hedge the date it hedges may be.</summary>
    private const int HedgeReach = 3;

    /// <summary>True when the folded text hedges its date in <paramref name="language"/> ("about", "environ").</summary>
    /// <remarks>A hedge on the time of day ("last friday around noon", "vers 15h") leaves the day sure.</remarks>
    public bool IsApproximate(string folded, string language) =>
        (_hedges ??= Approximate.ToDictionary(p => p.Key, p => p.Value.Select(HedgeOfADay).ToArray()))
            .GetValueOrDefault(language, []).Any(hedge => hedge.Matches(folded).Any(m => HedgesADate(folded, m, language)));

    private Dictionary<string, Regex[]>? _hedges;

    /// <summary>
    /// A hedge as a whole word, unless it is on a time of day, after it or before it ("around noon", "vers 21h", "à 21h
    /// environ", "9pm or so").
    /// </summary>
    private Regex HedgeOfADay(string hedge) => new(
        $@"(?<!(?:{Hour}|(?:{TimeOfDay})(?![\p{{L}}]))\s+)(?<![\p{{L}}\p{{N}}]){Regex.Escape(hedge)}(?![\p{{L}}\p{{N}}])(?!\s+(?:(?:{TimeOfDay})(?![\p{{L}}])|{Hour}))",
        RegexOptions.CultureInvariant);

    /// <summary>An hour as typed: "9pm", "9 pm", "21h", "21 h 30", "21:00".</summary>
    private const string Hour = @"\d{1,2}\s*(?:h(?:\s*\d{2})?|:\d{2}|am\b|pm\b)";

    /// <summary>A number or a date word stands within reach of the hedge, before or after it.</summary>
    private bool HedgesADate(string folded, Match hedge, string language)
    {
        var near = ApproximateNear.GetValueOrDefault(language, []);
        var before = WordRun().Matches(folded[..hedge.Index]).TakeLast(HedgeReach);
        var after = WordRun().Matches(folded[(hedge.Index + hedge.Length)..]).Take(HedgeReach);
        return before.Concat(after).Any(w => w.Value.Any(char.IsDigit) || near.Contains(w.Value));
    }

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordRun();

    /// <summary>Words that say a date is the purchase's ("bought", "acheté", "commande").</summary>
    public List<string> PurchaseWords { get; init; } = [];

    /// <summary>Words that correct what was just said ("no wait", "actually", "en fait"): a date after the last of them is the one meant.</summary>
    public List<string> Corrections { get; init; } = [];

    /// <summary>
    /// What follows the last correction in the folded text, when one comes after something ("bought on the 1st, no
    /// wait it was the 3rd" gives "it was the 3rd"); null when there is none, or it opens the text (the fillers take it then).
    /// </summary>
    public string? AfterLastCorrection(string folded)
    {
        var last = (_corrections ??= [.. Corrections.Select(w => new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(w)}(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant))])
            .Select(w => w.Matches(folded).LastOrDefault())
            .OfType<Match>().Where(m => folded[..m.Index].Trim(' ', ',', ';', '.', '-').Length > 0)
            .MaxBy(m => m.Index);
        return last is null ? null : folded[(last.Index + last.Length)..];
    }

    private Regex[]? _corrections;

    /// <summary>
    /// Words that only stress the day ("il y a une semaine jour pour jour", "a week ago to the day") or correct what was
    /// said before ("no wait, the 12th", "pardon, le 3"): left out before reading, with the punctuation they leave at the ends.
    /// </summary>
    public List<string> Fillers { get; init; } = [];

    /// <summary><paramref name="folded"/> without its fillers.</summary>
    public string WithoutFillers(string folded) =>
        Fillers.Aggregate(folded, (text, filler) => Regex.Replace(text, $@"\s*\b{Regex.Escape(filler)}\b", "")).Trim(' ', ',', ';', ':', '-');

    /// <summary>True when the period or date the recognizer found is introduced by "since" ("since this morning", "depuis ce matin").</summary>
    public bool StartsWithSince(string said)
    {
        var folded = TextNormalizer.Fold(said);
        return Since.Any(w => folded.StartsWith(w + " ", StringComparison.Ordinal));
    }

    /// <summary>"of last month", "du mois dernier": the month of a day said beside it ("the 12th of last month").</summary>
    public Dictionary<string, List<string>> LastMonth { get; init; } = [];

    /// <summary>"last year", "l'an dernier": the year of a day said beside it ("christmas last year", "le 3 mars l'an dernier").</summary>
    public Dictionary<string, List<string>> LastYear { get; init; } = [];

    /// <summary>
    /// <paramref name="folded"/> with "last month" and "last year" written as that month and year ("le 12 du mois dernier"
    /// → "le 12 novembre 2026", "christmas last year" → "christmas 2025"), for the recognizer, which reads them as periods
    /// or as this month; null when the text says neither. Whether a day is left is for the recognizer to say.
    /// </summary>
    public string? Anchored(string folded, string language, DateOnly today)
    {
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-US");
        var lastMonth = today.AddMonths(-1);
        var month = TextNormalizer.Fold(culture.DateTimeFormat.GetMonthName(lastMonth.Month));
        var anchored = Replace(folded, LastMonth.GetValueOrDefault(language, []), language == "fr" ? $"{month} {lastMonth.Year}" : $"of {month} {lastMonth.Year}");
        anchored = Replace(anchored, LastYear.GetValueOrDefault(language, []), (today.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return anchored == folded ? null : anchored;
    }

    private static string Replace(string folded, List<string> phrases, string by) =>
        phrases.OrderByDescending(p => p.Length).FirstOrDefault(p => TextNormalizer.ContainsPhrase(folded, p)) is { } found
            ? Regex.Replace(folded, $@"(?<![\p{{L}}\p{{N}}']){Regex.Escape(found)}(?![\p{{L}}\p{{N}}])", by)
            : folded;

    /// <summary>
    /// The beginnings of the words without which no text names a day, per language ("yesterday", "mardi", "ago", "il y
    /// a", ordinals, number words): a text with no figure and none of them ("hi", "refund please") is not given to the
    /// recognizer, so that a conversation's first message does not wait for its models to be built.
    /// </summary>
    public Dictionary<string, List<string>> Cues { get; init; } = [];

    private Regex? _cues;

    /// <summary>True when <paramref name="folded"/> has a figure or a word beginning with a cue of either language.</summary>
    public bool MayNameADay(string folded) => folded.Any(char.IsDigit) || (_cues ??= new Regex(
        $@"(?<!\p{{L}})(?:{string.Join('|', Cues.Values.SelectMany(w => w).Select(Regex.Escape))})",
        RegexOptions.CultureInvariant)).IsMatch(folded);

    /// <summary>Times of day a hedge may be about ("around noon", "vers midi").</summary>
    public List<string> TimesOfDay { get; init; } = [];

    private string TimeOfDay => string.Join('|', TimesOfDay.Select(Regex.Escape));

    public static DateWords Load()
    {
        using var stream = typeof(DateWords).Assembly.GetManifestResourceStream("RefundBot.Dialogs.Resources.dates.json")
            ?? throw new InvalidOperationException("dates.json is not embedded.");
        return JsonSerializer.Deserialize<DateWords>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    /// <summary><paramref name="folded"/> (see <see cref="TextNormalizer.Fold"/>) with its misspelt date words spelt right.</summary>
    public string Corrected(string folded, string language)
    {
        if (!Spelling.TryGetValue(language, out var words))
        {
            return folded;
        }

        return Word().Replace(folded, m =>
            m.Length < ShortestCorrected || words.Contains(m.Value)
                ? m.Value
                : words.FirstOrDefault(w => OneEditApart(m.Value, w)) ?? m.Value);
    }

    /// <summary>True when one insertion, deletion, substitution or swap of neighbours turns <paramref name="a"/> into <paramref name="b"/>.</summary>
    internal static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }

        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
        {
            start++;
        }

        var (restA, restB) = (a[start..], b[start..]);
        return a.Length == b.Length
            ? restA[1..] == restB[1..] || (restA.Length >= 2 && restA[0] == restB[1] && restA[1] == restB[0] && restA[2..] == restB[2..])
            : a.Length > b.Length ? restA[1..] == restB : restA == restB[1..];
    }

    [GeneratedRegex(@"[\p{L}'-]+")]
    private static partial Regex Word();
}
