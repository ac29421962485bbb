using System.Text.RegularExpressions;

namespace RefundBot.Knowledge.Retrieval;

/// <summary>
/// A section body cut into what can be quoted: each bullet item on its own, each sentence of a paragraph on its own
/// (so two bullets are never run into one line). Shared by the index (sentence vectors) and the quote.
/// </summary>
public static partial class PassageText
{
    public static IReadOnlyList<string> Sentences(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(line => SentenceEnd().Split(line.TrimStart('-', '*', ' ')))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .ToList();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ0-9«""“])")]
    private static partial Regex SentenceEnd();
}
