using RefundBot.Dialogs.Recognizers;

namespace RefundBot.Dialogs.Tests.Recognizers;

/// <summary>
/// Which sentences of a message ask something, as customers write them at a prompt, in English and French. Expected:
/// the questions (without their lead-in, " | " between two) and the rest of the message, the part that may answer the
/// prompt; or "none" for a message that asks nothing and is a plain answer.
/// </summary>
public sealed class QuestionFinderTests
{
    [Theory]
    [InlineData("hold on, i didnt say yes. do you refund the installation fee?", "do you refund the installation fee?", "hold on, i didnt say yes.")]
    [InlineData("before i say yes - do i need a receipt?", "do i need a receipt?", "")]
    [InlineData("wait before i confirm - do you refund the installation fee? the technician came and set it up",
        "do you refund the installation fee?", "the technician came and set it up")]
    [InlineData("is the refund actually started now or do i have to fill some form? and will i get an email?",
        "is the refund actually started now or do i have to fill some form? | will i get an email?", "")]
    [InlineData("btw do you refund shipping", "do you refund shipping", "")]
    [InlineData("yes by the way how long does the refund take", "how long does the refund take", "yes")]
    [InlineData("A-1234. Do I need the receipt?", "Do I need the receipt?", "A-1234.")]
    [InlineData("what about the installation fee", "what about the installation fee", "")]
    [InlineData("I'd like to know if you refund the installation fee", "I'd like to know if you refund the installation fee", "")]
    [InlineData("Do you refund installation fees?", "Do you refund installation fees?", "")]
    [InlineData("whats the deadline for a refund", "whats the deadline for a refund", "")]
    [InlineData("it stopped working after a week. can i get my money back for the setup too", "can i get my money back for the setup too", "it stopped working after a week.")]
    [InlineData("the 3rd I think?", "the 3rd I think?", "")]
    [InlineData("oui j'ai gardé le carton. au fait qui paie les frais de retour ?", "qui paie les frais de retour ?", "oui j'ai gardé le carton.")]
    [InlineData("oui j'ai gardé le carton au fait qui paie les frais de retour", "qui paie les frais de retour", "oui j'ai gardé le carton")]
    [InlineData("est-ce que je dois garder l'emballage", "est-ce que je dois garder l'emballage", "")]
    [InlineData("Est ce que les frais d'installation sont remboursés", "Est ce que les frais d'installation sont remboursés", "")]
    [InlineData("puis-je être remboursé des frais d'installation", "puis-je être remboursé des frais d'installation", "")]
    [InlineData("non. rembourse-t-on les frais de port", "rembourse-t-on les frais de port", "non.")]
    [InlineData("combien de temps pour être remboursé", "combien de temps pour être remboursé", "")]
    [InlineData("Faut-il renvoyer le routeur ?", "Faut-il renvoyer le routeur ?", "")]
    [InlineData("je voudrais savoir si les frais d'installation sont remboursés", "je voudrais savoir si les frais d'installation sont remboursés", "")]
    [InlineData("Avant de confirmer, est-ce que je serai remboursé des frais d'installation ?", "est-ce que je serai remboursé des frais d'installation ?", "")]
    [InlineData("attendez avant de confirmer - vous remboursez les frais d'installation ? le technicien est venu tout installer",
        "vous remboursez les frais d'installation ?", "le technicien est venu tout installer")]
    [InlineData("before confirming, the installation fee is refunded?", "the installation fee is refunded?", "")]
    [InlineData("c'est le 3 mars. et quel est le délai de remboursement", "quel est le délai de remboursement", "c'est le 3 mars.")]
    [InlineData("Où dois-je renvoyer le matériel", "Où dois-je renvoyer le matériel", "")]
    public void A_sentence_that_asks_is_a_question_and_the_rest_is_kept(string message, string questions, string rest)
    {
        var asked = QuestionFinder.Find(message);

        Assert.NotNull(asked);
        Assert.Equal(questions, string.Join(" | ", asked.Questions));
        Assert.Equal(rest, asked.Rest);
    }

    [Theory]
    [InlineData("the 15th I think?", true)]
    [InlineData("A-1234 maybe?", true)]
    [InlineData("les frais d'installation sont remboursés ?", true)]
    [InlineData("do you refund the installation fee?", false)]
    [InlineData("3/4/2026. do i need the receipt?", false)]
    [InlineData("the 15th? and who pays the shipping?", false)]
    public void A_question_asked_only_by_its_mark_may_be_a_hedged_answer(string message, bool byMarkOnly) =>
        Assert.Equal(byMarkOnly, QuestionFinder.Find(message)!.ByMarkOnly);

    [Theory]
    [InlineData("yes")]
    [InlineData("Yes, submit it")]
    [InlineData("yep thats it")]
    [InlineData("no it's not resolved")]
    [InlineData("It doesn't work")]
    [InlineData("does not turn on at all")]
    [InlineData("did not work")]
    [InlineData("is broken since monday")]
    [InlineData("when I open the app it crashes")]
    [InlineData("what i got was a broken router")]
    [InlineData("the technician came and set it up")]
    [InlineData("A-1234")]
    [InlineData("last tuesday")]
    [InlineData("3 days ago")]
    [InlineData("yesterday?")]
    [InlineData("i want a refund for order A-1234, it stopped working")]
    [InlineData("oui j'ai gardé le carton")]
    [InlineData("non pas du tout")]
    [InlineData("quand j'ouvre l'appli, ça plante")]
    [InlineData("j'avais rendez-vous avec le technicien, il n'est pas venu")]
    [InlineData("depuis 3 jours au moins")]
    [InlineData("c'est réglé, merci")]
    [InlineData("je veux un remboursement pour la commande F-8080")]
    public void A_plain_answer_asks_nothing(string message) =>
        Assert.Null(QuestionFinder.Find(message));
}
