using System.Globalization;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>The language ("en"/"fr") and culture the bot uses, from the locale the channel sent.</summary>
internal static class ConversationLocale
{
    public static (string Language, string Culture)? FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(locale.Trim(), predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }

        return culture.TwoLetterISOLanguageName switch
        {
            "fr" => ("fr", culture.IsNeutralCulture ? "fr-FR" : culture.Name),
            "en" => ("en", culture.IsNeutralCulture ? "en-US" : culture.Name),
            _ => ("en", "en-US"),
        };
    }
}
