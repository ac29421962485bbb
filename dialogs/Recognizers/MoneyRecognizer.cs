using System.Globalization;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Finds an amount of money written with its currency in free text ("I paid €49.99", "j'ai payé 49,90 €", "30 dollars"),
/// with Microsoft.Recognizers.Text's currency model. A bare number is not money (an order number, a count), and two
/// amounts in one message are not read: which one is meant would be a guess.
/// </summary>
public static class MoneyRecognizer
{
    /// <summary>Builds the currency models and compiles their expressions (a second or so): a host calls it at start.</summary>
    public static void WarmUp()
    {
        Find("hi, I paid €49.99 for it", "en");
        Find("j'ai payé 49,90 € pour ça", "fr");
    }

    /// <param name="language">"en" or "fr".</param>
    public static decimal? Find(string text, string language)
    {
        // The figure is read from the customer's own text, by the project's number reader: the model's resolved value
        // of "49,90 €" comes back as 499 in French.
        var culture = CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-US");
        var amounts = RecognizerModels.Currency(language).Parse(text)
            .Where(r => r.TypeName == "currency")
            .Select(r => NumberRecognizer.TryParse(r.Text, culture))
            .ToList();
        return amounts is [{ } only] && only > 0 ? only : null;
    }

    /// <summary>
    /// The amount a message says was paid, in <paramref name="currency"/> (ISO 4217): the one amount written with its
    /// currency, right after or before a word of paying (quantities.json "paid": "I paid €49.99", "49,90 € payés"), so
    /// that "the €5 delivery fee" is not taken for the price, nor "$49.99" for €49.99. Else null: the question is asked.
    /// </summary>
    public static decimal? FindPaid(string text, string language, string currency)
    {
        // No word of paying anywhere, none beside an amount: the currency model (built on first use) is not needed.
        if (!Cues.Value.Says(Cues.Value.Paid, text, language))
        {
            return null;
        }

        var culture = CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-US");
        var amounts = RecognizerModels.Currency(language).Parse(text).Where(r => r.TypeName == "currency").ToList();
        if (amounts is not [var only] || NumberRecognizer.TryParse(only.Text, culture) is not { } amount || amount <= 0
            || !string.Equals(IsoCurrency(only), currency, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var before = Words(text[..only.Start]).TakeLast(CueDistance);
        var after = Words(text[(only.End + 1)..]).Take(CueDistance);
        var near = string.Join(' ', [.. before, "#", .. after]);
        return Cues.Value.Says(Cues.Value.Paid, near, language) ? amount : null;
    }

    /// <summary>How many words from the amount a word of paying may stand ("I paid them €49.99", "it cost me about €30").</summary>
    private const int CueDistance = 4;

    private static readonly Lazy<QuantityWords> Cues = new(QuantityWords.Load);

    private static string[] Words(string text) => text.Split([' ', ',', ';', '.', '!', '?', '\n'], StringSplitOptions.RemoveEmptyEntries);

    private static string? IsoCurrency(Microsoft.Recognizers.Text.ModelResult result) =>
        result.Resolution is { } resolution && resolution.TryGetValue("isoCurrency", out var iso) ? iso?.ToString() : null;
}
