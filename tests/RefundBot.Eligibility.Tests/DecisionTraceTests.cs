using System.Text.Json;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Tests;

/// <summary>
/// The engine's explanation of a decision (what a receipt shows): the same decision as <c>Decide</c>, with the rules
/// tried in the policy's order, every one before the last not applying, and the last the one that decided or that
/// lacks facts.
/// </summary>
public sealed class DecisionTraceTests
{
    private const string Now = "2026-03-31T12:00:00+02:00";

    [Theory]
    [InlineData("masecurite", "purchase_date=2026-03-21; plan=annual; amount_paid=120; days_used=10; request_type=refund; installation_fee=0; hardware_received=false")]
    [InlineData("masecurite", "purchase_date=2026-02-28; after_window_reason=unresolved_technical_problem; request_type=refund; troubleshooting_outcome=unresolved")]
    [InlineData("masecurite", "purchase_date=2026-03-21; request_type=refund; hardware_received=false; installation_fee=0; plan=annual; amount_paid=120")]
    [InlineData("masecurite", "purchase_date=2025-06-01; request_type=outage")]
    [InlineData("masecurite", "purchase_date=2026-03-21")]
    [InlineData("seven-day-services", "purchase_date=2026-03-28; purchase_type=one-time; amount_paid=59; terms_violation=false")]
    [InlineData("seven-day-services", "purchase_date=2026-03-10; purchase_type=one-time; amount_paid=59; terms_violation=false")]
    public void Explaining_a_decision_gives_the_decision_itself_and_the_rules_tried_in_order(string policyId, string facts)
    {
        var policy = Policies.Get(policyId);
        var values = Policies.Facts(policy, facts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var instants = DecisionInstants.At(DateTimeOffset.Parse(Now, System.Globalization.CultureInfo.InvariantCulture));

        var trace = EligibilityEngine.Explain(policy, values, instants);
        var decision = EligibilityEngine.Decide(policy, values, instants);

        Assert.Equal(JsonSerializer.Serialize(decision), JsonSerializer.Serialize(trace.Decision));
        Assert.Equal(policy.Rules.Take(trace.RulesTried.Count).Select(r => (r.Id, r.Section)), trace.RulesTried.Select(t => (t.RuleId, t.Section)));
        Assert.All(trace.RulesTried.SkipLast(1), t => Assert.Equal(RuleResult.DoesNotApply, t.Result));
        var last = trace.RulesTried[^1];
        Assert.Equal(decision.RuleId, last.RuleId);
        if (last.Result == RuleResult.CannotTell)
        {
            Assert.Equal(decision.MissingFacts, last.MissingFacts);
            Assert.Null(trace.DecidedBy);
        }
        else
        {
            Assert.Equal(RuleResult.Applies, last.Result);
            Assert.Same(last, trace.DecidedBy);
        }
    }
}
