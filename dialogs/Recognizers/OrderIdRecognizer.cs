using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Finds an order ID in what the customer typed ("my order is a-1234" → "A-1234"), by the configured pattern,
/// matched as a whole token anywhere in the text, case ignored, returned in upper case.
/// </summary>
public sealed class OrderIdRecognizer
{
    private readonly Regex _finder;

    public OrderIdRecognizer(string pattern)
    {
        Pattern = pattern;
        _finder = new Regex($@"(?<![\p{{L}}\p{{N}}-])(?:{pattern})(?![\p{{L}}\p{{N}}-])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    public string Pattern { get; }

    public string? Find(string text)
    {
        var match = _finder.Match(text);
        return match.Success ? match.Value.ToUpperInvariant() : null;
    }
}
