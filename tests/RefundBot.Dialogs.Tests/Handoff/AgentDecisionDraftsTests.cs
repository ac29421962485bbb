using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Tests.Handoff;

/// <summary>
/// The desk's decision form starts from the policy's canned reply for the outcome (desk-replies.yaml), in the case's
/// language; a policy without one for an outcome starts from a rule's explanation, as before.
/// </summary>
public sealed class AgentDecisionDraftsTests
{
    private static PolicyCatalog Load() => PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));

    [Theory]
    [InlineData("masecurite", "en", "approve", "We have reviewed your request and are refunding your subscription in full.")]
    [InlineData("masecurite", "fr", "deny", "Nous avons examiné votre demande avec attention, mais notre politique de remboursement ne permet pas de la rembourser.")]
    [InlineData("smarters-pro", "en", "alternative", "We have reviewed your request: rather than a refund, we can extend your subscription by the length of the interruption, with an additional bonus.")]
    [InlineData("tech-services", "fr", "alternative", "Nous avons examiné votre demande\u00a0: plutôt qu'un remboursement, nous pouvons vous proposer un avoir pour de futurs services.")]
    [InlineData("seven-day-services", "fr", "partial", "Nous avons vérifié votre commande\u00a0: conformément à notre politique de remboursement, nous vous remboursons la part du service que vous n'avez pas utilisée.")]
    [InlineData("necxian", "en", "partial", "We have reviewed your request: under our refund policy, we are refunding part of what you paid.")]
    public void The_form_is_prefilled_with_the_policys_reply_in_the_cases_language(string policyId, string language, string outcome, string expected)
    {
        var draft = AgentDecisionDrafts.For(Load().Get(policyId), Case(policyId, language))[outcome];

        Assert.Equal(new AgentMessageDraft(expected, null, null, PolicyLoader.DeskRepliesFile), draft);
    }

    [Fact]
    public void Every_policy_has_a_reply_for_every_outcome_in_both_languages()
    {
        Assert.All(Load().All, policy => Assert.Equal(AgentDecisionDrafts.Outcomes.Order(), policy.DeskReplies.Select(r => r.Outcome).Order()));
    }

    [Fact]
    public void Without_a_reply_for_the_outcome_the_rules_explanation_stays_the_fallback()
    {
        var policy = Load().Get("seven-day-services");
        policy.DeskReplies.RemoveAll(r => r.Outcome == "deny");

        var drafts = AgentDecisionDrafts.For(policy, Case("seven-day-services", "fr"));

        var rule = policy.Rules.First(r => r.Outcome == RuleOutcome.Denied && r.Explanation.Count > 0);
        Assert.Equal(new AgentMessageDraft(rule.Explanation["fr"], rule.Id, rule.Section), drafts["deny"]);
        Assert.Equal(PolicyLoader.DeskRepliesFile, drafts["approve"].File);
    }

    private static RefundCase Case(string policyId, string language) => new()
    {
        Id = "RB-DRAFTS01", ConversationKey = "test/conversations/drafts", CreatedAt = DateTimeOffset.UnixEpoch, Language = language,
        OrderId = "X-1", PurchaseDate = new DateOnly(2026, 3, 1), Reason = "it does not work", ReasonCategory = "technical_problem",
        PolicyId = policyId,
    };
}
