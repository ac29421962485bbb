using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Tests;

/// <summary>One row of a policy's table: the instant, the facts, and what the policy's text says must follow.</summary>
public static class DecisionCase
{
    /// <param name="facts">"name=value; name=value"</param>
    /// <param name="outcome">the expected outcome</param>
    /// <param name="refund">the expected refund, or null when there is none</param>
    /// <param name="rule">the rule the decision must rest on</param>
    public static Decision Check(string policyId, string now, string facts, Outcome outcome, string? refund, string rule)
    {
        var pairs = facts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var decision = Policies.Decide(policyId, now, pairs);

        Assert.True(outcome == decision.Outcome,
            $"expected {outcome} but got {decision.Outcome} (rule {decision.RuleId}, missing [{string.Join(", ", decision.MissingFacts)}])");
        Assert.Equal(rule, decision.RuleId);
        Assert.Equal(refund is null ? null : decimal.Parse(refund, System.Globalization.CultureInfo.InvariantCulture), decision.Breakdown?.Refund);
        if (outcome != Outcome.MoreFactsNeeded)
        {
            Assert.NotEmpty(decision.Sections);
            Assert.All(decision.Sections, s => Assert.NotNull(Policies.Get(policyId).Texts["en"].Section(s)));
        }

        return decision;
    }
}
