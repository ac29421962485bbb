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
