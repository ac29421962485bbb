using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Finds an order ID in what the customer typed ("my order is a-1234" → "A-1234"), by the configured pattern,
/// matched as a whole token anywhere in the text, case ignored, returned in upper case; two different IDs are none. An ID made of letters then
/// digits gets the records' separator between them, however it was typed ("ms1001", "nx_3002", "SP - 5002"), so that it
/// is the order's ID as the order directory knows it; with an empty separator it is kept as written. An ID typed with a
/// space for its dash ("sd 2002") is found by a second, narrower pattern, only when the first finds nothing and its
/// letters are not a short word of either language ("in 2026", "le 1500": Resources/orderids.json).
/// </summary>
internal sealed partial class OrderIdRecognizer
{
    private static readonly Lazy<HashSet<string>> NotPrefixes = new(LoadNotPrefixes);

    private readonly Regex _finder;
    private readonly Regex? _spaced;
    private readonly string _separator;

    public OrderIdRecognizer(string pattern, string separator = "-", string spacedPattern = "")
    {
        Pattern = pattern;
        _separator = separator;
        _finder = Token(pattern);
        _spaced = spacedPattern.Length > 0 ? Token(spacedPattern) : null;
    }

    private static Regex Token(string pattern) =>
        new($@"(?<![\p{{L}}\p{{N}}-])(?:{pattern})(?![\p{{L}}\p{{N}}-])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    public string Pattern { get; }

    public string? Find(string text)
    {
        text = WithAsciiDashes(text);

        // "NX-3001, not NX-3002", "sd-2002 (et pas sd-2003)": an ID the customer sets aside is not one of theirs.
        var found = _finder.Matches(text).Where(m => !SetAside(text, m)).ToList();
        if (found.Select(m => Normalized(m.Value)).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            // "ts-4001 or ts-4002", "j'en ai deux : NX-3001 et NX-3004": which one is meant is the customer's to say.
            return null;
        }

        var match = found.FirstOrDefault() ?? Match.Empty;
        if (!match.Success)
        {
            match = _spaced?.Matches(text).FirstOrDefault(m => !NotPrefixes.Value.Contains(m.Value.Split(' ')[0].ToLowerInvariant())) ?? Match.Empty;
            if (!match.Success)
            {
                return null;
            }
        }

        return Normalized(match.Value);
    }

    /// <summary>
    /// <paramref name="text"/> with each order ID that <see cref="Find"/> would consider (set-aside ones included) blanked
    /// out, for reading the other facts of the message: an ID's digits are never a date ("A-123456" is 6 May 1234 to the
    /// date recognizer, "A-100016" 6 January 1000).
    /// </summary>
    public string WithoutIds(string text)
    {
        text = WithAsciiDashes(text);
        var rest = _finder.Replace(text, " ");
        rest = rest != text || _spaced is null
            ? rest
            : _spaced.Replace(text, m => NotPrefixes.Value.Contains(m.Value.Split(' ')[0].ToLowerInvariant()) ? m.Value : " ");
        return rest == text ? rest : SpacesAround().Replace(rest, " "); // "mon abonnement SP-1 ne marche" is not "mon abonnement   ne marche"
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\S) {2,}(?=\S)")]
    private static partial System.Text.RegularExpressions.Regex SpacesAround();

    private string Normalized(string value)
    {
        var id = value.ToUpperInvariant();
        return _separator.Length > 0 && LettersThenDigits().Match(id) is { Success: true } parts
            ? parts.Groups["letters"].Value + _separator + parts.Groups["digits"].Value
            : id;
    }

    private static readonly Lazy<Dictionary<string, string[]>> Words = new(LoadWords);

    private static HashSet<string> LoadNotPrefixes() => [.. Words.Value["notPrefixes"]];

    /// <summary>True when the words right before the ID set it aside ("not", "et pas", "au lieu de").</summary>
    private static bool SetAside(string text, Match id)
    {
        var before = TextNormalizer.Simplify(text[..id.Index]);
        return Words.Value["notThisOne"].Any(w => before == w || before.EndsWith(" " + w, StringComparison.Ordinal));
    }

    private static Dictionary<string, string[]> LoadWords()
    {
        using var stream = typeof(OrderIdRecognizer).Assembly.GetManifestResourceStream("RefundBot.Dialogs.Resources.orderids.json")
            ?? throw new InvalidOperationException("orderids.json is not embedded.");
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)!;
    }

    /// <summary>"SD‑2005" pasted from a receipt or a phone: a typographic dash (non-breaking hyphen, en dash…) is the dash.</summary>
    private static string WithAsciiDashes(string text) => TypographicDash().Replace(text, "-");

    /// <summary>Hyphens and dashes other than the ASCII one (U+2010 to U+2015, the minus sign U+2212).</summary>
    [GeneratedRegex(@"[\u2010-\u2015\u2212]")]
    private static partial Regex TypographicDash();

    [GeneratedRegex(@"^(?<letters>\p{L}+)[\s\-_–]*(?<digits>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LettersThenDigits();
}
