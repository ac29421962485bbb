using RefundBot.Dialogs.Refund;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Tests.Decisions;

/// <summary>What an answer to another question says of a boolean fact, in the policy's words (MaSécurité's hardware).</summary>
public sealed class ContradictedFactsTests
{
    private static readonly PolicyCatalog Policies = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));
    private static readonly FactDefinition Hardware = Policies.Get("masecurite").Fact("hardware_received")!;

    [Theory]
    [InlineData("en", "no, i never got any equipment", "false")]
    [InlineData("en", "there was no router with it", "false")]
    [InlineData("en", "we didn't get any equipment", "false")]
    [InlineData("en", "yes I still have the router in its box", "true")]
    [InlineData("fr", "non je n'ai jamais reçu de matériel", "false")]
    [InlineData("fr", "j'ai le routeur mais plus le carton", "true")]
    // says nothing of the hardware, or names it only to deny the words
    [InlineData("en", "no, i threw the box away", null)]
    [InlineData("en", "i never said i have the router", null)]
    [InlineData("en", "was there supposed to be a router?", null)]
    [InlineData("fr", "non, le carton est parti", null)]
    public void An_answer_states_the_fact_only_in_the_policys_words(string language, string answer, string? stated) =>
        Assert.Equal(stated, ContradictedFacts.Stated(Hardware, answer, language));

    [Theory]
    [InlineData("smarters-pro", "outage_our_fault", "en", "36 hours, but actually it was my own internet that was down", "false")]
    [InlineData("smarters-pro", "outage_our_fault", "en", "it's not your fault, just 36 hours", null)]
    [InlineData("smarters-pro", "outage_our_fault", "fr", "36 heures, en fait c'était ma box", "false")]
    [InlineData("seven-day-services", "terms_violation", "en", "my account was suspended once but it's fine now", "true")]
    [InlineData("seven-day-services", "terms_violation", "fr", "non, jamais été suspendu", "false")]
    public void Other_policies_state_their_facts_in_their_own_words(string policy, string fact, string language, string answer, string? stated) =>
        Assert.Equal(stated, ContradictedFacts.Stated(Policies.Get(policy).Fact(fact)!, answer, language));
}
