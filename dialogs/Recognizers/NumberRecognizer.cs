using System.Globalization;
using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Reads the first number in a text as a decimal, whatever the separators: "49,90 €", "$49.90", "1 234,50",
/// "1,234.50". A lone separator followed by exactly three digits is read by the culture ("1,234" is 1234 in
/// en-US and 1.234 in fr-FR); followed by one or two digits it is a decimal point.
/// </summary>
internal static partial class NumberRecognizer
{
    public static decimal? TryParse(string text, CultureInfo culture)
    {
        var match = NumberToken().Match(text);
        if (!match.Success || Exponent().IsMatch(text, match.Index + match.Length))
        {
            // "1e308" is no price a customer paid: not read as 1 (nor 308), asked again.
            return null;
        }

        var token = Regex.Replace(match.Value, @"[\s\u00A0\u202F']", "").TrimEnd('.', ',');
        var negative = token.StartsWith('-');
        token = token.TrimStart('-', '+');
        var normalized = Normalize(token, culture.NumberFormat.NumberDecimalSeparator);
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (negative ? -value : value)
            : null;
    }

    /// <summary>
    /// The one number in a text, or null when it holds none or two ("19.99 + 4 delivery", "9,99 par mois, ça fait 3
    /// mois"): an amount the customer has to add up or multiply is theirs to say, not the bot's to guess.
    /// </summary>
    public static decimal? TryParseOnly(string text, CultureInfo culture) =>
        NumberToken().Matches(text).Count == 1 ? TryParse(text, culture) : null;

    private static string Normalize(string token, string cultureDecimal)
    {
        var lastDot = token.LastIndexOf('.');
        var lastComma = token.LastIndexOf(',');
        if (lastDot >= 0 && lastComma >= 0)
        {
            var decimalMark = lastDot > lastComma ? '.' : ',';
            var groupMark = decimalMark == '.' ? ',' : '.';
            return token.Replace(groupMark.ToString(), "").Replace(decimalMark, '.');
        }

        var mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : (char?)null;
        if (mark is not { } separator)
        {
            return token;
        }

        var parts = token.Split(separator);
        var isGrouping = parts.Length > 2
            || (parts[^1].Length == 3 && separator.ToString() != cultureDecimal);
        return isGrouping ? token.Replace(separator.ToString(), "") : token.Replace(separator, '.');
    }

    [GeneratedRegex(@"[-+]?\d[\d\s\u00A0\u202F.,']*")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"\G[eE][-+]?\d")]
    private static partial Regex Exponent();
}
