using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Finds an order ID in what the customer typed ("my order is a-1234" → "A-1234"), by the configured pattern,
/// matched as a whole token anywhere in the text, case ignored, returned in upper case. An ID made of letters then
/// digits gets the records' separator between them, however it was typed ("ms1001", "nx_3002", "SP - 5002"), so that it
/// is the order's ID as the order directory knows it; with an empty separator it is kept as written.
/// </summary>
internal sealed partial class OrderIdRecognizer
{
    private readonly Regex _finder;
    private readonly string _separator;

    public OrderIdRecognizer(string pattern, string separator = "-")
    {
        Pattern = pattern;
        _separator = separator;
        _finder = new Regex($@"(?<![\p{{L}}\p{{N}}-])(?:{pattern})(?![\p{{L}}\p{{N}}-])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    public string Pattern { get; }

    public string? Find(string text)
    {
        var match = _finder.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var id = match.Value.ToUpperInvariant();
        return _separator.Length > 0 && LettersThenDigits().Match(id) is { Success: true } parts
            ? parts.Groups["letters"].Value + _separator + parts.Groups["digits"].Value
            : id;
    }

    [GeneratedRegex(@"^(?<letters>\p{L}+)[\s\-_–]*(?<digits>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LettersThenDigits();
}
