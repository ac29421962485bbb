using RefundBot.Dialogs.Recognizers;

namespace RefundBot.Dialogs.Tests.Recognizers;

/// <summary>An amount with its currency in a first message, EN and FR; a bare number or two amounts are not money read.</summary>
public sealed class MoneyRecognizerTests
{
    [Theory]
    [InlineData("en", "hi, NX-3001, I paid €49.99 and it crashes", "49.99")]
    [InlineData("en", "it cost me $30", "30")]
    [InlineData("en", "paid 1,234.50 dollars", "1234.50")]
    [InlineData("en", "49.99 euros", "49.99")]
    [InlineData("fr", "j'ai payé 49,90 €", "49.90")]
    [InlineData("fr", "commande SD-9001, 120 euros", "120")]
    // A space inside the figure splits it in two for the model: not read, so the amount question is asked.
    [InlineData("fr", "1 234,50 €", null)]
    [InlineData("en", "order 12345, 2 of them", null)]
    [InlineData("en", "I paid €20 then €30 more", null)]
    [InlineData("fr", "commande NX-3001, ça plante", null)]
    public void Reads_one_amount_with_its_currency(string language, string text, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), MoneyRecognizer.Find(text, language));
}
