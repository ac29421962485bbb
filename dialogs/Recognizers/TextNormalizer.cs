using System.Globalization;
using System.Text;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>Folds text for matching: lower case, no accents, one kind of apostrophe, single spaces, no edge punctuation.</summary>
internal static class TextNormalizer
{
    private static readonly char[] EdgePunctuation = ['.', '!', '?', ',', ';', ':', '"', '\'', ' '];

    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var ch = c is '’' or '‘' or '`' ? '\'' : char.ToLowerInvariant(c);
            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace)
                {
                    folded.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            folded.Append(ch);
            lastWasSpace = false;
        }

        return folded.ToString().Trim().Trim(EdgePunctuation);
    }

    /// <summary>Folded, and with punctuation inside removed too: "Yes, it works now!" → "yes it works now".</summary>
    public static string Simplify(string text)
    {
        var folded = Fold(text);
        var kept = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c) || c == ' ' || c == '\'')
            {
                kept.Append(c);
            }
            else if (kept.Length > 0 && kept[^1] != ' ')
            {
                kept.Append(' ');
            }
        }

        return Fold(kept.ToString());
    }

    /// <summary>True when folded <paramref name="text"/> contains folded <paramref name="phrase"/> as whole words.</summary>
    public static bool ContainsPhrase(string text, string phrase)
    {
        if (phrase.Length == 0)
        {
            return false;
        }

        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var startsWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var end = at + phrase.Length;
            var endsWord = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (startsWord && endsWord)
            {
                return true;
            }
        }

        return false;
    }

    public static bool StartsWithPhrase(string text, string phrase) =>
        text.StartsWith(phrase, StringComparison.Ordinal)
        && (text.Length == phrase.Length || !char.IsLetterOrDigit(text[phrase.Length]));
}
