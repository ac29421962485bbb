using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Tests.Runtime;

public sealed class BotTextsTests
{
    private static readonly BotTexts Texts = BotTexts.LoadEmbedded();

    [Fact]
    public void Every_text_exists_in_english_and_in_french()
    {
        var english = Texts.Keys("en").ToHashSet();
        var french = Texts.Keys("fr").ToHashSet();

        Assert.Empty(english.Except(french));
        Assert.Empty(french.Except(english));
    }

    [Fact]
    public void Both_languages_fill_in_the_same_named_values_in_each_text()
    {
        foreach (var key in Texts.Keys("en"))
        {
            Assert.Equal(NamedValues(Texts.Get("en", key)), NamedValues(Texts.Get("fr", key)));
        }
    }

    [Fact]
    public void Named_values_are_filled_in()
    {
        Assert.Equal("Merci. Votre demande de remboursement est enregistrée sous le dossier **RB-1**.",
            Texts.Get("fr", "intake.recorded", ("caseId", "RB-1")));
    }

    private static IEnumerable<string> NamedValues(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\w+\}").Select(m => m.Value).Order();
}
