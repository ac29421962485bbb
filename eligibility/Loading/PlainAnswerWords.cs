using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RefundBot.Eligibility.Loading;

/// <summary>
/// The bot's plain yes/no words and negations, read from the dialogs' <c>answers.json</c> (embedded in this assembly
/// too), so that <see cref="PolicyValidator"/> can refuse them as a choice's synonyms: a "no" synonym would select a
/// choice the customer denied, and "never" as a synonym is never read as negating "fixed" in "they never fixed it".
/// </summary>
internal static class PlainAnswerWords
{
    private static readonly Lazy<Lists> Words = new(Load);

    private sealed record Lists(HashSet<string> YesOrNo, HashSet<string> Negations);

    /// <summary>"no", "nope", "oui", "non": a yes or a no of the bot's own lists (single letters included).</summary>
    public static bool IsYesOrNo(string synonym) => Words.Value.YesOrNo.Contains(Fold(synonym));

    /// <summary>"never", "jamais", "none": words that are all negations.</summary>
    public static bool IsNegation(string synonym) =>
        Fold(synonym).Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words && words.All(Words.Value.Negations.Contains);

    /// <summary>Lower case, no accents, straight apostrophes, single spaces: "Jamais", "jamáis" and "jamais" are one word.</summary>
    private static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Replace('’', '\'').Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            kept.Append(char.IsLetterOrDigit(c) || c == '\'' ? c : ' ');
        }

        return string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static Lists Load()
    {
        using var stream = typeof(PlainAnswerWords).Assembly.GetManifestResourceStream("RefundBot.Eligibility.answers.json")
            ?? throw new InvalidOperationException("Missing embedded resource answers.json.");
        var lists = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)
            ?? throw new InvalidOperationException("Empty answers.json.");
        string[] Of(params string[] kinds) => [.. kinds.SelectMany(k => lists.GetValueOrDefault(k) ?? []).Select(Fold)];
        return new Lists([.. Of("yes", "no", "wholeYes", "wholeNo")], [.. Of("negation")]);
    }
}
