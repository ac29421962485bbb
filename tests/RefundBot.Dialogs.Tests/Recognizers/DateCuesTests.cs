using System.Globalization;
using RefundBot.Dialogs.Recognizers;

namespace RefundBot.Dialogs.Tests.Recognizers;

/// <summary>
/// Which texts are given to Microsoft.Recognizers.Text's date model at all (<c>dates.json</c> "cues"): a text with no
/// figure and no word that can name a day ("hi", "refund please") is not, so that a conversation's first message does not
/// wait for the model to be built; every text that can name a day still is (the date phrase tests read them all).
/// </summary>
public sealed class DateCuesTests
{
    private static readonly DateWords Words = DateWords.Load();

    [Theory]
    [InlineData("hi")]
    [InlineData("hello?")]
    [InlineData("refund please")]
    [InlineData("it doesn't work")]
    [InlineData("bonjour")]
    [InlineData("remboursement svp")]
    [InlineData("ca ne fonctionne pas")]
    public void A_text_that_names_no_day_is_not_read_by_the_model(string text) =>
        Assert.False(Words.MayNameADay(TextNormalizer.Fold(text)));

    [Theory]
    [InlineData("on the fifteenth")]
    [InlineData("a couple of days ago")]
    [InlineData("black friday")]
    [InlineData("just now")]
    [InlineData("the other day")]
    [InlineData("christmas eve")]
    [InlineData("le quinze")]
    [InlineData("avant-hier")]
    [InlineData("ya deux semaines")]
    [InlineData("le premier")]
    [InlineData("à la Toussaint")]
    [InlineData("mi-novembre")]
    [InlineData("le 3")]
    public void A_text_that_may_name_a_day_is_read(string text) =>
        Assert.True(Words.MayNameADay(TextNormalizer.Fold(text)));

    [Fact]
    public void A_first_message_without_a_date_gives_none()
    {
        var context = new DateContext(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc, CultureInfo.GetCultureInfo("en-US"));
        Assert.Equal(DateProblem.NotFound, new PurchaseDateRecognizer().Recognize("hi, I want a refund please", context).Problem);
    }
}
