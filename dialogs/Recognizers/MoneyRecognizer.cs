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
}
