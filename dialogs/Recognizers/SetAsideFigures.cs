using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// A figure the customer sets aside with "not" beside the one they mean: "12 hours not 24", "pas 2 heures, plutôt 5",
/// "not the 20th, the 22nd", "pas le 10, le 12 novembre". The set-aside figure (with the unit or word right after it) is
/// taken out before the answer is read, so that the one meant is the only one left. Only when another figure stays:
/// "not 50 hours yet" or "ça ne fait pas 2 jours" is a limit, read as such by the quantity recognizer. The words that set a
/// figure aside are language data (<c>Resources/answers.json</c>, "setAside").
/// </summary>
internal static class SetAsideFigures
{
    private static readonly Lazy<Regex> Pattern = new(() => new Regex(
        $@"(?<![\p{{L}}\p{{N}}'’])(?:{string.Join("|", AnswerWords.Of(AnswerWords.SetAside).Select(Regex.Escape))})\s+(?:(?:the|le|la|les|l['’])\s*)?"
        + @"\d+(?:[.,:h/]\d+)?(?:st|nd|rd|th|er|e)?(?:\s*(?:%|\p{L}+))?(?![\p{L}\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));

    /// <summary>The text without the figures it sets aside, or the text itself when no other figure would stay.</summary>
    public static string Without(string text)
    {
        var without = Pattern.Value.Replace(text, " ");
        return without.Length != text.Length && without.Any(char.IsDigit) ? without : text;
    }
}
