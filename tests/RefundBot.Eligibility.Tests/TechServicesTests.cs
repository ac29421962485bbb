using RefundBot.Eligibility.Model;
using static RefundBot.Eligibility.Model.Outcome;

namespace RefundBot.Eligibility.Tests;

/// <summary>Tech services (003): non-refundable once rendered, 7 days from the service date, fix first, never for user error.</summary>
public sealed class TechServicesTests
{
    private const string Now = "2026-03-10T12:00:00-04:00";
    private const string Started = "purchase_date=2026-03-01; purchase_type=one-off; service_status=started";

    [Theory]
    [InlineData("purchase_date=2026-01-01; purchase_type=subscription; subscription_issue=none", AlternativeOffered, "subscription")]
    [InlineData("purchase_date=2026-01-01; purchase_type=subscription; subscription_issue=billing_error", HumanReview, "subscription-review")]
    [InlineData("purchase_date=2026-03-01; purchase_type=one-off; service_status=not_started", HumanReview, "not-started")]
    [InlineData(Started + "; issue_cause=user_error", Denied, "excluded-causes")]
    [InlineData(Started + "; issue_cause=changed_requirements", Denied, "excluded-causes")]
    [InlineData(Started + "; issue_cause=our_mistake; service_date=2026-03-03; troubleshooting_outcome=not_tried", TroubleshootingRequired, "our-mistake-fix-first")]
    [InlineData(Started + "; issue_cause=our_mistake; service_date=2026-03-02; troubleshooting_outcome=not_tried", Denied, "reported-late")]
    [InlineData(Started + "; issue_cause=our_mistake; service_date=2026-03-05; troubleshooting_outcome=unresolved", HumanReview, "our-mistake-unresolved")]
    [InlineData(Started + "; issue_cause=our_mistake; service_date=2026-03-05; troubleshooting_outcome=resolved", Resolved, "our-mistake-fixed")]
    [InlineData(Started + "; issue_cause=other; service_date=2026-03-05", Denied, "rendered-services")]
    [InlineData(Started + "; issue_cause=other", MoreFactsNeeded, "reported-late")]
    public void Decides_as_the_policy_says(string facts, Outcome outcome, string rule) =>
        DecisionCase.Check("tech-services", Now, facts, outcome, null, rule);
}
