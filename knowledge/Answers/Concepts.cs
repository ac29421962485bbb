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

    /// <summary>The concepts whose phrase the question holds as whole words ("pose", not the "pose" of "propose").</summary>
    public static IReadOnlyList<(string Phrase, string Expansion)> In(string language, string question)
    {
        var words = Phrasing(language, question);
        return (ByLanguage.GetValueOrDefault(language) ?? [])
            .Where(c => words.Contains(Phrasing(language, c.Key), StringComparison.Ordinal))
            .Select(c => (c.Key, c.Value))
            .ToList();
    }

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
