using RefundBot.Bot.Admin;

namespace RefundBot.Bot.Tests.Admin;

public sealed class CaseCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+33 6", "'+33 6")]
    [InlineData(null, "")]
    public void A_field_is_quoted_only_when_it_must_be_and_never_runs_as_a_formula(string? value, string written) =>
        Assert.Equal(written, CaseCsv.Field(value));

    [Fact]
    public void Amounts_are_written_in_the_invariant_culture_with_their_currency_whatever_the_servers_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
        try
        {
            var row = new CaseRow("RB-1", new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(1)), "masecurite", "decided", "partialRefund", "bot",
                null, "fr", "webchat", "MS-1001", "defective", 1116.7m, "EUR", null, 4, null);

            var lines = CaseCsv.Write([row]).Split("\r\n");

            Assert.Equal("RB-1,2026-03-02T09:00:00Z,masecurite,decided,partialRefund,bot,,fr,webchat,MS-1001,defective,1116.70,EUR,,4,", lines[1]);
            Assert.Equal("", lines[2]); // every line ends with CRLF
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }
}
