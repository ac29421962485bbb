using System.Globalization;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;

namespace RefundBot.Dialogs.Tests.Recognizers;

public sealed class NumericDateRecognizerTests
{
    private static readonly NumericDateRecognizer Recognizer = new();

    // 2026-03-20 00:30 in Paris is still 2026-03-19 in New York.
    private static readonly DateTimeOffset Instant = new(2026, 3, 19, 23, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-03-12", "Europe/Paris", "fr-FR", "2026-03-12")]
    [InlineData("I bought it on 2026-3-2", "Europe/Paris", "en-US", "2026-03-02")]
    [InlineData("12/03/2026", "Europe/Paris", "fr-FR", "2026-03-12")]
    [InlineData("12/03/2026", "Europe/London", "en-GB", "2026-03-12")]
    [InlineData("03/12/2026", "America/New_York", "en-US", "2026-03-12")]
    [InlineData("le 05.03.26", "Europe/Paris", "fr-FR", "2026-03-05")]
    [InlineData("today", "Europe/Paris", "en-US", "2026-03-20")]
    [InlineData("today", "America/New_York", "en-US", "2026-03-19")]
    [InlineData("yesterday", "Europe/Paris", "en-GB", "2026-03-19")]
    [InlineData("hier", "Europe/Paris", "fr-FR", "2026-03-19")]
    [InlineData("avant-hier", "Europe/Paris", "fr-FR", "2026-03-18")]
    [InlineData("the day before yesterday", "America/New_York", "en-US", "2026-03-17")]
    [InlineData("aujourd’hui", "Europe/Paris", "fr-FR", "2026-03-20")]
    public void Reads_a_day_in_the_customers_culture_and_zone(string text, string zone, string culture, string expected)
    {
        var recognition = Recognizer.Recognize(text, Context(zone, culture));

        Assert.Equal(DateProblem.None, recognition.Problem);
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), recognition.Date);
    }

    [Theory]
    [InlineData("2026-03-21", "Europe/Paris")]
    [InlineData("2026-03-20", "America/New_York")]
    public void Refuses_a_day_after_the_customers_today(string text, string zone)
    {
        Assert.Equal(DateProblem.InFuture, Recognizer.Recognize(text, Context(zone, "en-US")).Problem);
    }

    [Theory]
    [InlineData("a while ago")]
    [InlineData("2/30/2026")]
    [InlineData("13/13/2026")]
    [InlineData("order A-12-2026")]
    [InlineData("")]
    public void Finds_nothing_in_text_without_a_valid_date(string text)
    {
        Assert.Equal(DateRecognition.NotFound, Recognizer.Recognize(text, Context("Europe/Paris", "en-US")));
    }

    private static DateContext Context(string zone, string culture) =>
        new(Instant, TimeZoneInfo.FindSystemTimeZoneById(zone), CultureInfo.GetCultureInfo(culture));
}

public sealed class NumberRecognizerTests
{
    [Theory]
    [InlineData("49,90 €", "fr-FR", "49.90")]
    [InlineData("$49.90", "en-US", "49.90")]
    [InlineData("1 234,50", "fr-FR", "1234.50")]
    [InlineData("1,234.50", "en-US", "1234.50")]
    [InlineData("1.234,50 €", "fr-FR", "1234.50")]
    [InlineData("1,234", "en-US", "1234")]
    [InlineData("1,234", "fr-FR", "1.234")]
    [InlineData("it cost 120 euros.", "en-GB", "120")]
    [InlineData("-5", "en-US", "-5")]
    public void Reads_amounts_whatever_the_separators(string text, string culture, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), NumberRecognizer.TryParse(text, CultureInfo.GetCultureInfo(culture)));
    }

    [Fact]
    public void Finds_no_number_in_words() => Assert.Null(NumberRecognizer.TryParse("forty", CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("1e308")]
    [InlineData("1E400 €")]
    [InlineData("2.5e-3")]
    public void Reads_no_number_in_scientific_notation_rather_than_its_first_digits(string text) =>
        Assert.Null(NumberRecognizer.TryParse(text, CultureInfo.GetCultureInfo("en-US")));

    [Theory]
    [InlineData("i paid 19.99 + 4 delivery", "en-US", null)]
    [InlineData("9,99 par mois, ça fait 3 mois", "fr-FR", null)]
    [InlineData("1 234,50 €", "fr-FR", "1234.50")]
    [InlineData("it was $49.90", "en-US", "49.90")]
    public void An_amount_is_read_only_when_it_is_the_one_figure_given(string text, string culture, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, CultureInfo.InvariantCulture),
            NumberRecognizer.TryParseOnly(text, CultureInfo.GetCultureInfo(culture)));
}

public sealed class OrderIdRecognizerTests
{
    private static readonly OrderIdRecognizer Recognizer = new(new Refund.RefundBotOptions().OrderIdPattern);

    [Theory]
    [InlineData("A-1234", "A-1234")]
    [InlineData("my order is a-20417, thanks", "A-20417")]
    [InlineData("commande ABC123456", "ABC-123456")]
    [InlineData("ms1001", "MS-1001")]
    [InlineData("nx_3002", "NX-3002")]
    [InlineData("Le numéro c'est SP - 5002", "SP-5002")]
    public void Finds_an_order_id_anywhere_and_writes_it_as_the_records_do(string text, string expected) =>
        Assert.Equal(expected, Recognizer.Find(text));

    [Fact]
    public void Without_a_separator_an_order_id_is_kept_as_written() =>
        Assert.Equal("ABC123456", new OrderIdRecognizer(new Refund.RefundBotOptions().OrderIdPattern, "").Find("commande abc123456"));

    [Theory]
    [InlineData("12")]
    [InlineData("2026-03-12")]
    [InlineData("A-12")]
    [InlineData("XA-1234-5")]
    [InlineData("bought in 2026")]
    [InlineData("le 2002")]
    public void Finds_nothing_that_does_not_fit_the_pattern(string text) => Assert.Null(Recognizer.Find(text));

    private static readonly OrderIdRecognizer WithSpaces = new(new Refund.RefundBotOptions().OrderIdPattern, "-", new Refund.RefundBotOptions().OrderIdSpacedPattern);

    /// <summary>
    /// A space for the dash is read ("sd 2002"), but never from a short word and a year or an amount; two different IDs
    /// are asked about rather than one picked; an ID set aside ("not NX-3002") is not the customer's.
    /// </summary>
    [Theory]
    [InlineData("sd 2002", "SD-2002")]
    [InlineData("Sp 5010", "SP-5010")]
    [InlineData("bought in 2026", null)]
    [InlineData("le 2002", null)]
    [InlineData("on 1500 euros", null)]
    [InlineData("ts-4001 or ts-4002, cant remember which one", null)]
    [InlineData("j'en ai deux : NX-3001 et NX-3004", null)]
    [InlineData("NX-3001, I mean nx3001", "NX-3001")]
    [InlineData("It's NX-3001, not NX-3002", "NX-3001")]
    [InlineData("sd-2002 (et pas sd-2003)", "SD-2002")]
    public void Reads_a_spaced_id_and_never_picks_one_of_two(string text, string? expected) =>
        Assert.Equal(expected, WithSpaces.Find(text));

    /// <summary>
    /// What is left for the other facts is the message without its order IDs (any the recognizer would weigh, set-aside
    /// ones too); a year or an amount beside a short word is not an ID and stays.
    /// </summary>
    [Theory]
    [InlineData("A-123456", " ")]
    [InlineData("refund for A-100016, bought yesterday", "refund for , bought yesterday")]
    [InlineData("It's NX-3001, not NX-3002", "It's , not  ")]
    [InlineData("sd 2002 le 3 mars", "  le 3 mars")]
    [InlineData("bought in 2026", "bought in 2026")]
    [InlineData("on 1500 euros", "on 1500 euros")]
    [InlineData("2026-03-12", "2026-03-12")]
    [InlineData("mon abonnement SP-55201 ne marche plus", "mon abonnement ne marche plus")] // the words the case keeps as the reason
    public void Leaves_the_rest_of_the_message_without_its_order_ids(string text, string expected) =>
        Assert.Equal(expected, WithSpaces.WithoutIds(text));
}

public sealed class ConversationLocaleTests
{
    [Theory]
    [InlineData("fr-FR", "fr", "fr-FR")]
    [InlineData("fr-CA", "fr", "fr-CA")]
    [InlineData("fr", "fr", "fr-FR")]
    [InlineData("en-GB", "en", "en-GB")]
    [InlineData("de-DE", "en", "en-US")]
    public void Maps_a_locale_to_a_language_and_culture(string locale, string language, string culture) =>
        Assert.Equal((language, culture), ConversationLocale.FromLocale(locale));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a locale!")]
    public void Ignores_a_missing_or_invalid_locale(string? locale) => Assert.Null(ConversationLocale.FromLocale(locale));
}
