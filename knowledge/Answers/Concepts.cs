using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RefundBot.Knowledge.Answers;

/// <summary>
/// Phrases whose meaning the policy texts say in other words ("how long" → days, timeframe; "combien de temps" →
/// délai, jours), from the embedded <c>Resources/concepts.json</c>. A phrase found in a question adds its words to the
/// search and counts as answered when the section has any of them.
/// </summary>
public static partial class Concepts
{
    private static readonly IReadOnlyDictionary<string, Dictionary<string, string>> ByLanguage = Load();

    /// <summary>
    /// The concepts whose phrase the question holds as whole words ("pose", not the "pose" of "propose"); a "…" in a
    /// phrase stands for up to <see cref="GapWords"/> words ("get … back": "do I get the unused days back"). A concept
    /// found inside a longer one found is left out ("get back" inside "get back to me": a reply, not a refund).
    /// </summary>
    public static IReadOnlyList<(string Phrase, string Expansion)> In(string language, string question)
    {
        var words = Phrasing(language, question);
        var found = (ByLanguage.GetValueOrDefault(language) ?? [])
            .Select(c => (Concept: c, Match: Pattern(language, c.Key).Match(words)))
            .Where(f => f.Match.Success)
            .ToList();
        return found
            .Where(f => !found.Any(other => Inside(f.Match, other.Match)))
            .Select(f => (f.Concept.Key, f.Concept.Value))
            .ToList();
    }

    /// <summary>How many words a "…" in a concept's phrase stands for, at most.</summary>
    public const int GapWords = 6;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), Regex> Patterns = new();

    /// <summary>A phrase as a pattern over <see cref="Phrasing"/>: its words in order, "…" for up to <see cref="GapWords"/> others.</summary>
    private static Regex Pattern(string language, string phrase) =>
        Patterns.GetOrAdd((language, phrase), key => new Regex(
            string.Join($"(?: [^ ]+){{0,{GapWords}}}", key.Item2.Split('…').Select(part => Regex.Escape(Phrasing(key.Item1, part).Trim()))
                .Where(part => part.Length > 0)
                .Select(part => " " + part)) + " ",
            RegexOptions.CultureInvariant));

    /// <summary>Whether a match lies within another, longer one.</summary>
    private static bool Inside(Match match, Match other) =>
        other.Length > match.Length && other.Index <= match.Index && other.Index + other.Length >= match.Index + match.Length;

    /// <summary>
    /// <see cref="Words"/>, and in French each elided article or pronoun apart from its word ("l'abo" → "l' abo",
    /// "j'ai pris" → "j' ai pris"), so that a concept's phrase is found whatever word was elided before it.
    /// </summary>
    internal static string Phrasing(string language, string text) =>
        language == "fr" ? Elision().Replace(Words(text), "$1' ") : Words(text);

    [GeneratedRegex(@"(?<= )(c|d|j|l|m|n|s|t|qu|jusqu|lorsqu|puisqu)'(?=\p{L})")]
    private static partial Regex Elision();

    /// <summary>Folded, each run of characters other than letters, digits and apostrophes made one space, padded with spaces.</summary>
    internal static string Words(string text) =>
        " " + string.Join(' ', NonWord().Split(Fold(text).Replace('’', '\'')).Where(w => w.Length > 0)) + " ";

    [GeneratedRegex(@"[^\p{L}\p{N}']+")]
    private static partial Regex NonWord();

    internal static string Fold(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static Dictionary<string, Dictionary<string, string>> Load()
    {
        using var stream = typeof(Concepts).Assembly.GetManifestResourceStream("RefundBot.Knowledge.Resources.concepts.json")
            ?? throw new InvalidOperationException("Missing embedded resource concepts.json.");
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException("Empty concepts.json.");
    }
}
