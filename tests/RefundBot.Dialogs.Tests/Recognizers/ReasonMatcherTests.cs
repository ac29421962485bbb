using RefundBot.Dialogs.Recognizers;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Dialogs.Tests.Recognizers;

/// <summary>
/// Reasons as customers write them, matched against Necxian's reasons.yaml: stems, missing apostrophes, one typo on a
/// longer word, negations, and two categories that tell neither. Expected: the category id, or "none".
/// </summary>
public sealed class ReasonMatcherTests
{
    private static readonly Lazy<ReasonMatcher> Matcher = new(() =>
        new ReasonMatcher(PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")).Get("necxian").Reasons));

    [Theory]
    [InlineData("it keeps crashing", "technical_problem")]
    [InlineData("it keeps crashng", "technical_problem")] // one letter missing, on a word of eight
    [InlineData("doesnt work at all", "technical_problem")]
    [InlineData("the app crashes", "technical_problem")]
    [InlineData("écran noir, rien ne se charge", "technical_problem")]
    [InlineData("les chaînes ne chargent pas", "technical_problem")]
    [InlineData("le produit est defectuex", "technical_problem")]
    [InlineData("we just dont want it anymore", "changed_mind")]
    [InlineData("jai change davis", "changed_mind")]
    [InlineData("acheté par erreur", "changed_mind")] // "par erreur" over "erreur"
    [InlineData("honestly its garbage", "dissatisfied")]
    [InlineData("pas du tout satisfait", "dissatisfied")]
    [InlineData("i'm not satisfied", "dissatisfied")]
    [InlineData("je ne suis pas satisfait", "dissatisfied")]
    [InlineData("je suis pas satisfaite", "dissatisfied")]
    [InlineData("not broken, just not what i ordered", "not_as_described")] // "broken" is negated
    [InlineData("i was charged twice", "billing_error")]
    [InlineData("it's broken and i was charged twice", "none")] // two categories, once each: the customer picks
    [InlineData("my cat sat on the remote", "none")]
    [InlineData("bug", "technical_problem")]
    [InlineData("bag", "none")] // a typo is tolerated only on words of six letters or more
    // Issue 20, third round: two neighbouring letters swapped inside a keyword of several words; "pas du tout" before
    // what the site said.
    [InlineData("chnaged my mnid", "changed_mind")]
    [InlineData("dosent wrok at all", "technical_problem")]
    [InlineData("i chagned my mind", "changed_mind")]
    [InlineData("ca ne marhce pas", "technical_problem")]
    [InlineData("c'était pas du tout ce qui était écrit sur le site", "not_as_described")]
    // Issue 20, fourth round: a keyword of two words the other way round in one clause; a dropped last letter inside a
    // keyword of several words.
    [InlineData("the screen is black", "technical_problem")]
    [InlineData("the quality is very bad", "dissatisfied")]
    [InlineData("la qualité est franchement mauvaise", "dissatisfied")]
    [InlineData("the quality is not bad, it just crashes", "technical_problem")] // the reversed "bad quality" is negated
    [InlineData("quality, bad", "none")] // two clauses: not one keyword
    [InlineData("marche plu", "technical_problem")]
    [InlineData("g changé d'avi", "changed_mind")]
    [InlineData("plu", "none")] // alone, a short word is not corrected
    [InlineData("from the start it was fine", "none")] // a swap is read only inside a keyword of several words
    // Issue 20, fifth round: a wrong letter is a typo only on a neighbouring key ("booked" is not "borked"); "even"
    // inside "won't open"; an error on the invoice is billing, not technical.
    [InlineData("booked the service on the 10th, dont need it anymore", "changed_mind")]
    [InlineData("booked it last week", "none")]
    [InlineData("the ebook wont even open on my kindle", "technical_problem")]
    [InlineData("erreur sur la facture, le montant est faux", "billing_error")]
    // Issue 20, sixth round: a thing (licence, download) is no complaint: alone it names nothing, beside two tied
    // complaints it breaks the tie, beside another category's complaint it does not count against it.
    [InlineData("the licence", "none")]
    [InlineData("the licence key is fine, honestly its rubbish", "dissatisfied")]
    [InlineData("the download crashes", "technical_problem")]
    [InlineData("the licence is broken and i was charged twice", "technical_problem")]
    // "it's not that…" sets its clause aside, even a keyword negative itself; the rest is still read.
    [InlineData("it's not that it crashes, we just don't need it anymore", "changed_mind")]
    [InlineData("ce n'est pas que ça marche pas, j'en ai plus besoin", "changed_mind")]
    [InlineData("it doesnt work and doesnt load", "technical_problem")] // a negative keyword after another stays read
    // Determiners are not told apart inside a keyword; a stem of three letters matches only longer forms of the keyword.
    [InlineData("erreur sur ma facture", "billing_error")]
    [InlineData("the site said 16gb of ram", "none")]
    [InlineData("full of bugs", "technical_problem")]
    // Families, not one writer's words: slowness, a battery drained, a renewal nobody asked for, a child's purchase.
    [InlineData("the app is really sluggish", "technical_problem")]
    [InlineData("le site est super lent", "technical_problem")]
    [InlineData("it drains my battery", "technical_problem")]
    [InlineData("my subscription auto renewed", "billing_error")]
    [InlineData("my son bought it with my card", "changed_mind")]
    // Issue 20, s11: plain words found by talking to the bot. A bad service is a dissatisfaction, either way round;
    // "panne" alone is a breakdown.
    [InlineData("the service is really bad", "dissatisfied")]
    [InlineData("really poor service tbh", "dissatisfied")]
    [InlineData("le service est vraiment mauvais", "dissatisfied")]
    [InlineData("service client pourri", "dissatisfied")]
    [InlineData("the service is not bad, it just crashes", "technical_problem")]
    [InlineData("panne", "technical_problem")]
    [InlineData("grosse panne depuis hier", "technical_problem")]
    [InlineData("aucune panne, j'ai juste changé d'avis", "changed_mind")]
    public void Matches_a_reason_as_customers_write_it(string reason, string expected) =>
        Assert.Equal(expected, Matcher.Value.Match(reason)?.Category.Id ?? "none");

    private static readonly Lazy<ReasonMatcher> TechServices = new(() =>
        new ReasonMatcher(PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")).Get("tech-services").Reasons));

    /// <summary>A word's short form is the word ("tech" is "technician", answers.json <c>shortForms</c>), a thing still no complaint alone.</summary>
    [Theory]
    [InlineData("your tech made a mistake", "technical_problem")]
    [InlineData("the tech messed up my pc", "technical_problem")]
    [InlineData("le tech s'est trompé", "technical_problem")]
    [InlineData("the tech never came", "none")]
    [InlineData("tech support was useless", "dissatisfied")]
    public void Reads_a_short_form_as_its_word(string reason, string expected) =>
        Assert.Equal(expected, TechServices.Value.Match(reason)?.Category.Id ?? "none");

    [Fact]
    public void Keeps_the_words_that_name_the_reason() =>
        Assert.Equal("l'ordi est cassé", Matcher.Value.Match("commande NX-3007, achetée hier. l'ordi est cassé")?.Words);
}
