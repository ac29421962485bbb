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

    /// <summary>Every e-mail address in free text masked.</summary>
    public static string Text(string? text) => text is null ? "" : EmailParts().Replace(text, m => Email(m.Value));

    [GeneratedRegex(@"([^\s@]+)@([^\s@.]+)((?:\.[^\s@.]+)+)")]
    private static partial Regex EmailParts();
}
