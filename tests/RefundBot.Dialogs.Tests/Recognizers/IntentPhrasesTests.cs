using RefundBot.Dialogs.Recognizers;

namespace RefundBot.Dialogs.Tests.Recognizers;

/// <summary>A closing is a message made of thanks and goodbyes (with "ok", "d'accord" beside them), nothing else.</summary>
public sealed class IntentPhrasesTests
{
    private static readonly IntentPhrases Intents = IntentPhrases.LoadEmbedded();

    [Theory]
    [InlineData("thanks", true)]
    [InlineData("ok, thanks!", true)]
    [InlineData("Thank you very much, bye", true)]
    [InlineData("no thats all thanks", true)]
    [InlineData("merci", true)]
    [InlineData("d'accord merci, bonne journée !", true)]
    [InlineData("Ok merci au revoir", true)]
    [InlineData("ok", false)]
    [InlineData("d'accord", false)]
    [InlineData("thanks for nothing", false)]
    [InlineData("thanks, but why was it refused?", false)]
    [InlineData("merci mais je ne suis pas d'accord", false)]
    [InlineData("bye bye money i guess", false)]
    public void A_closing_is_thanks_and_goodbyes_only(string message, bool closing) =>
        Assert.Equal(closing, Intents.IsMadeOf(IntentPhrases.Closing, IntentPhrases.ClosingFiller, message));
}
