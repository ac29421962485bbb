using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Finds a refund case id ("RB-" and 8 Crockford base32 characters, as <c>RefundCase.NewId</c> makes them) in what the
/// customer typed, however they typed it: lower case, a space or nothing for the dash, the code split in two halves
/// ("rb n52e 7wnd"), and the letters Crockford reads as digits (O for 0, I and L for 1). Returned as the case is stored
/// ("RB-N52E7WND"); null when there is none. Pure: text in, id out.
/// </summary>
internal static partial class CaseIdRecognizer
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string? Find(string text) =>
        Candidates().Matches(text).Select(m => Normalized(m.Groups["code"].Value)).FirstOrDefault(id => id is not null);

    /// <summary>The text without its case ids, so that a case id is never read as an order id or a date.</summary>
    public static string Without(string text) =>
        Candidates().Replace(text, m => Normalized(m.Groups["code"].Value) is null ? m.Value : " ");

    private static string? Normalized(string code)
    {
        var id = new char[8];
        var length = 0;
        foreach (var c in code.ToUpperInvariant())
        {
            var read = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (read is ' ' or '-' or '\t')
            {
                continue;
            }

            if (!Alphabet.Contains(read, StringComparison.Ordinal) || length == id.Length)
            {
                return null;
            }

            id[length++] = read;
        }

        return length == id.Length ? "RB-" + new string(id) : null;
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}])RB[\s\-_–.]*(?<code>[0-9A-Z]{8}|[0-9A-Z]{4}[ \-][0-9A-Z]{4})(?![\p{L}\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Candidates();
}
