using System.Text.Json;
using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>The words of <c>Resources/quantities.json</c>.</summary>
internal sealed class QuantityWords
{
    public Dictionary<string, List<string>> Approximate { get; init; } = [];
    public Dictionary<string, Dictionary<string, int>> Collective { get; init; } = [];
    public Dictionary<string, List<string>> Since { get; init; } = [];

    public static QuantityWords Load()
    {
        using var stream = typeof(QuantityWords).Assembly.GetManifestResourceStream("RefundBot.Dialogs.Resources.quantities.json")
            ?? throw new InvalidOperationException("quantities.json is not embedded.");
        return JsonSerializer.Deserialize<QuantityWords>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    /// <summary>Hedges that hedge only right before the figure ("like 3 days"; "i'd like a refund" hedges nothing).</summary>
    public Dictionary<string, List<string>> ApproximateBeforeFigure { get; init; } = [];

    /// <summary>Inclusive lower bounds ("at least 72 hours", "3 jours au moins", "2 weeks or more"): the figure or more.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("bounds")]
    public Dictionary<string, List<string>> AtLeast { get; init; } = [];

    /// <summary>Strict lower bounds ("more than 2 days", "over 48h", "plus de 2 semaines"): above the figure.</summary>
    public Dictionary<string, List<string>> MoreThan { get; init; } = [];

    /// <summary>Inclusive upper bounds ("2 weeks max", "at most 10", "au plus 3 jours"): the figure or less.</summary>
    public Dictionary<string, List<string>> AtMost { get; init; } = [];

    /// <summary>Strict upper bounds and near misses ("less than 50", "almost a month", "nearly 48h", "presque un mois"): under the figure.</summary>
    public Dictionary<string, List<string>> LessThan { get; init; } = [];

    /// <summary>
    /// Words that limit a figure too loosely to say which side of it the answer is ("not even 10", "barely a week",
    /// "même pas 10", "pas encore 50"): the figure is always asked for.
    /// </summary>
    public Dictionary<string, List<string>> Limits { get; init; } = [];

    /// <summary>
    /// The bound said right before the figures of <paramref name="text"/> (which run from <paramref name="first"/> to
    /// <paramref name="last"/>) or right after them, the longest phrase winning, None without one. The models take some
    /// bounds into the duration they read ("more than 2 days"), so a phrase at the start or end of the figures counts
    /// too. Null when bound words stand elsewhere in the answer as well, or two sides are said ("at least 3, at most 5").
    /// </summary>
    public QuantityBound? BoundBeside(string text, int first, int last)
    {
        var figures = TextNormalizer.Simplify(text[first..Math.Min(text.Length, last + 1)]);
        var lead = BoundPhrases().FirstOrDefault(p => TextNormalizer.StartsWithPhrase(figures, p.Phrase)).Phrase;
        var trail = BoundPhrases().FirstOrDefault(p => EndsWithPhrase(figures, p.Phrase)).Phrase;
        var head = $"{TextNormalizer.Simplify(text[..first])} {lead}".Trim();
        var tail = $"{trail} {TextNormalizer.Simplify(text[Math.Min(text.Length, last + 1)..])}".Trim();
        var (headBound, headPhrase) = BoundPhrases().FirstOrDefault(p => EndsWithPhrase(head, p.Phrase));
        var (tailBound, tailPhrase) = BoundPhrases().FirstOrDefault(p => TextNormalizer.StartsWithPhrase(tail, p.Phrase));
        head = headPhrase is null ? head : head[..^headPhrase.Length];
        tail = tailPhrase is null ? tail : tail[tailPhrase.Length..];
        if (BoundPhrases().Any(p => TextNormalizer.ContainsPhrase(head, p.Phrase) || TextNormalizer.ContainsPhrase(tail, p.Phrase))
            || (headPhrase is not null && tailPhrase is not null && headBound != tailBound))
        {
            return null;
        }

        return headPhrase is not null ? headBound : tailPhrase is not null ? tailBound : QuantityBound.None;
    }

    /// <summary>True when folded <paramref name="text"/> ends with <paramref name="phrase"/> as whole words ("plus d'" before "une").</summary>
    private static bool EndsWithPhrase(string text, string phrase) =>
        text.EndsWith(phrase, StringComparison.Ordinal)
        && (text.Length == phrase.Length || !char.IsLetterOrDigit(text[^(phrase.Length + 1)]));

    /// <summary>True when <paramref name="before"/>, the text before the figure, ends with a hedge said only before a figure ("like").</summary>
    public bool HedgedBeforeFigure(string before)
    {
        var head = TextNormalizer.Simplify(before).Trim();
        return HedgesBeforeFigure().Any(w => EndsWithPhrase(head, w));
    }

    /// <summary>The hedges said only before a figure, of every language, folded once.</summary>
    private List<string> HedgesBeforeFigure() =>
        _hedgesBeforeFigure ??= [.. ApproximateBeforeFigure.Values.SelectMany(w => w).Select(TextNormalizer.Simplify)];

    private List<string>? _hedgesBeforeFigure;

    /// <summary>True when the text holds a bound's words anywhere, in any language.</summary>
    public bool SaysBound(string text)
    {
        var folded = TextNormalizer.Simplify(text);
        return BoundPhrases().Any(p => TextNormalizer.ContainsPhrase(folded, p.Phrase));
    }

    /// <summary>Every bound phrase of every language, folded, longest first.</summary>
    private List<(QuantityBound Bound, string Phrase)> BoundPhrases() =>
        _boundPhrases ??= new[] { (QuantityBound.AtLeast, AtLeast), (QuantityBound.MoreThan, MoreThan), (QuantityBound.AtMost, AtMost), (QuantityBound.LessThan, LessThan) }
            .SelectMany(b => b.Item2.Values.SelectMany(w => w).Select(w => (b.Item1, TextNormalizer.Simplify(w).Trim())))
            .Where(p => p.Item2.Length > 0)
            .OrderByDescending(p => p.Item2.Length)
            .ToList();

    private List<(QuantityBound Bound, string Phrase)>? _boundPhrases;

    /// <summary>
    /// Words that name no figure ("a few hours", "quelques heures", "plusieurs jours"): the models would read some count
    /// into them (three), which the customer did not say, so the figure is asked for.
    /// </summary>
    public Dictionary<string, List<string>> Vague { get; init; } = [];

    /// <summary>Shares in words the number models miss ("la moitié"), in percent: read back before use.</summary>
    public Dictionary<string, Dictionary<string, decimal>> Shares { get; init; } = [];

    /// <summary>The share the whole answer names ("la moitié", "environ la moitié" is left to the hedge), with the words said.</summary>
    public (decimal Percent, string Words)? ShareOf(string text, string language)
    {
        var folded = TextNormalizer.Simplify(text);
        foreach (var (words, percent) in Shares.GetValueOrDefault(language, []))
        {
            if (folded == TextNormalizer.Simplify(words))
            {
                return (percent, text.Trim());
            }
        }

        return null;
    }

    /// <summary>Words that say an amount beside them was paid ("I paid €49.99", "ça m'a coûté 30 €"): the amount a first message gives.</summary>
    public Dictionary<string, List<string>> Paid { get; init; } = [];

    /// <summary>Answers that say nothing was used ("didn't use it at all", "jamais utilisé"): zero, with no figure written.</summary>
    public Dictionary<string, List<string>> None { get; init; } = [];

    /// <summary>Zero said with a limit's words ("not even one day", "pas un seul jour"): zero, read before the limits are.</summary>
    public Dictionary<string, List<string>> NoneThroughLimit { get; init; } = [];

    /// <summary>The words that join two durations into one ("2 jours et 5 heures", "2 days and 5 hours"), folded.</summary>
    public Dictionary<string, List<string>> DurationJoins { get; init; } = [];

    /// <summary>The words between a part and its whole ("3 of the 10 sessions", "2 sur 10").</summary>
    public Dictionary<string, List<string>> OutOf { get; init; } = [];

    /// <summary>
    /// "i used 3 of the 10 sessions", "2 séances sur 10": the part and the whole, when the answer gives exactly one such
    /// pair, the part at most the whole; the words said, to be read back.
    /// </summary>
    public (decimal Percent, string Words)? PartOfWhole(string text, string language)
    {
        var words = string.Join("|", OutOf.GetValueOrDefault(language, []).OrderByDescending(w => w.Length).Select(Regex.Escape));
        if (words.Length == 0)
        {
            return null;
        }

        var matches = Regex.Matches(text, $@"(?<![\d.,])(?<part>\d+)(?:\s+\p{{L}}+)?\s+(?:{words})\s+(?:\p{{L}}+\s+)?(?<whole>\d+)(?![\d.,])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        if (matches is not [var match] || !decimal.TryParse(match.Groups["part"].Value, out var part)
            || !decimal.TryParse(match.Groups["whole"].Value, out var whole) || whole == 0 || part > whole)
        {
            return null;
        }

        return (decimal.Round(part * 100 / whole, 2), match.Value);
    }

    /// <summary>Words that negate the figure right after them ("not 50 hours yet", "pas encore 50 heures").</summary>
    public Dictionary<string, List<string>> Negations { get; init; } = [];

    /// <summary>Words that may stand between a negation and the figure it negates ("not even", "pas encore").</summary>
    public Dictionary<string, List<string>> NegationFillers { get; init; } = [];

    /// <summary>True when the text holds one of <paramref name="list"/>'s words in any language (a French bound in an English chat still bounds).</summary>
    public bool SaysInAnyLanguage(Dictionary<string, List<string>> list, string text) =>
        list.Keys.Any(language => Says(list, text, language));

    /// <summary>
    /// True when <paramref name="before"/>, the text before a figure, ends with a negation and at most a few fillers:
    /// "not 50", "ça ne fait pas encore 50", but not "it hasn't worked for 3 days" (the service, not the figure, is negated).
    /// </summary>
    public bool EndsNegated(string before)
    {
        var words = Regex.Replace(TextNormalizer.Simplify(before), @"\bn'", "n' ")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var negations = Negations.Values.SelectMany(w => w).Select(TextNormalizer.Simplify).ToHashSet();
        var fillers = NegationFillers.Values.SelectMany(w => w).Select(TextNormalizer.Simplify).ToHashSet();
        for (var i = words.Length - 1; i >= 0 && i >= words.Length - 1 - MaxFillers; i--)
        {
            if (negations.Contains(words[i]))
            {
                return true;
            }

            if (!fillers.Contains(words[i]))
            {
                return false;
            }
        }

        return false;
    }

    private const int MaxFillers = 3;

    /// <summary>True when the text holds one of the language's words of <paramref name="list"/>, as whole words, accents aside.</summary>
    public bool Says(Dictionary<string, List<string>> list, string text, string language)
    {
        var folded = TextNormalizer.Simplify(text);
        return list.GetValueOrDefault(language, []).Any(w => TextNormalizer.ContainsPhrase(folded, TextNormalizer.Simplify(w)));
    }

    [System.Text.Json.Serialization.JsonPropertyName("clauses")]
    public Dictionary<string, List<string>> ClauseWords { get; init; } = [];

    /// <summary>"since the 15th so about 2 weeks" → "since the 15th", "about 2 weeks".</summary>
    public IEnumerable<string> Clauses(string text, string language)
    {
        var words = string.Join("|", ClauseWords.GetValueOrDefault(language, []).Select(Regex.Escape));
        var separators = words.Length == 0 ? "[,;]" : $@"[,;]|\b(?:{words})\b";
        return Regex.Split(text, separators, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            .Select(c => c.Trim())
            .Where(c => c.Length > 0);
    }

    public string WithoutSince(string text, string language) =>
        Since.GetValueOrDefault(language, []).OrderByDescending(w => w.Length).Aggregate(text, (current, word) =>
            Regex.Replace(current, $@"\b{Regex.Escape(word)}\b", " ", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).Trim();

    /// <summary>
    /// Words the recognizers do not read as the duration or the unit they are ("une journée entière" is a day, "10 pour
    /// cent" 10 %: the models see "une journée" with no value, and "cent" as a hundred), with what they read instead.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> Phrases { get; init; } = [];

    /// <summary>The text with the language's <see cref="Phrases"/> written as the recognizers read them.</summary>
    public string RewritePhrases(string text, string language) =>
        Phrases.GetValueOrDefault(language, []).OrderByDescending(p => p.Key.Length).Aggregate(text, (current, phrase) =>
            Regex.Replace(current, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(phrase.Key)}(?![\p{{L}}\p{{N}}])", phrase.Value, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

    /// <summary>"une quinzaine de jours" → "15 jours": the recognizers read the noun as one day.</summary>
    public (string Text, bool Rewritten) RewriteCollectives(string text, string language)
    {
        var rewritten = text;
        foreach (var (word, value) in Collective.GetValueOrDefault(language, []))
        {
            var pattern = $@"\b(?:(?:une?|la|a)\s+)?{Regex.Escape(word)}s?\b(?:\s+(?:de|of)\s+|\s+d['’]\s*)?";
            rewritten = Regex.Replace(rewritten, pattern, $"{value} ", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        return (rewritten, rewritten != text);
    }
}
