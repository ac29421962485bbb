using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Runtime;

/// <summary>Masks personal data before it reaches a log: enough is kept to tell two values apart, not to read them.</summary>
public static partial class Redact
{
    /// <summary>"A-20417" → "A-***17".</summary>
    public static string OrderId(string? orderId) =>
        string.IsNullOrEmpty(orderId) ? "" : orderId.Length <= 4 ? new string('*', orderId.Length)
        : orderId[..2] + new string('*', orderId.Length - 4) + orderId[^2..];

    /// <summary>"jane.doe@example.com" → "j***@e***.com".</summary>
    public static string Email(string? email) =>
        string.IsNullOrEmpty(email) ? "" : EmailParts().Replace(email, m => $"{m.Groups[1].Value[0]}***@{m.Groups[2].Value[0]}***{m.Groups[3].Value}");

    /// <summary>"+33 6 12 34 56 78" → "***78", "4242 4242 4242 4242" → "***42": only the last two digits are kept.</summary>
    public static string Digits(string? digits)
    {
        var kept = new string((digits ?? "").Where(char.IsAsciiDigit).ToArray());
        return kept.Length <= 2 ? new string('*', kept.Length) : "***" + kept[^2..];
    }

    /// <summary>
    /// Free text with every e-mail address, and every run of six digits or more (phone numbers, card numbers and their
    /// fragments, IBANs' digits, even when grouped with spaces, dots or dashes; not ISO dates), masked.
    /// </summary>
    public static string Text(string? text) =>
        text is null ? "" : DigitRuns().Replace(EmailParts().Replace(text, m => Email(m.Value)), m => Digits(m.Value));

    [GeneratedRegex(@"(?<!\d)(?!\d{4}-\d{2}-\d{2}(?!\d))\+?\d(?:[ .\-]?\d){5,}")] // an ISO date is not a number to hide
    private static partial Regex DigitRuns();

    [GeneratedRegex(@"([^\s@]+)@([^\s@.]+)((?:\.[^\s@.]+)+)")]
    private static partial Regex EmailParts();
}
