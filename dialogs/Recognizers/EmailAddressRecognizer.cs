using System.Text.RegularExpressions;
using MimeKit;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Reads an e-mail address out of what a customer typed ("sure: jane.doe@example.com."): MimeKit's
/// <see cref="MailboxAddress.TryParse(string, out MailboxAddress)"/> must accept it, and it must have a sane shape
/// besides (one @, a dotted domain ending in letters, no spaces, at most 254 characters), since RFC 5322 accepts
/// forms ("a@b", quoted local parts, routes) that no customer means and no mail server delivers to.
/// </summary>
public static partial class EmailAddressRecognizer
{
    public const int MaxLength = 254;

    /// <summary>The one address in <paramref name="text"/>, as typed (trimmed of surrounding punctuation); null when none, or more than one.</summary>
    public static string? Find(string? text)
    {
        var candidates = Candidates(text).ToList();
        return candidates.Count == 1 && IsValid(candidates[0]) ? candidates[0] : null;
    }

    /// <summary>True when the text holds something meant as an address (an @ in a word), valid or not.</summary>
    public static bool LooksLikeAnAttempt(string? text) => Candidates(text).Any();

    public static bool IsValid(string address) =>
        address.Length <= MaxLength
        && Shape().IsMatch(address)
        && MailboxAddress.TryParse(address, out var mailbox)
        && string.Equals(mailbox.Address, address, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Candidates(string? text) =>
        (text ?? "").Split((char[])[' ', '\t', '\n', '\r', ',', ';', '<', '>', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.Trim('.', ':', '!', '?', '[', ']'))
            .Where(word => word.Contains('@'));

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex Shape();
}
