using RefundBot.Eligibility.Model;
using static RefundBot.Eligibility.Model.Outcome;

namespace RefundBot.Eligibility.Tests;

/// <summary>Seven-day services (001): 7 days, a proof of purchase an agent accepted, no Terms violation, a valid reason; unused part if used.</summary>
public sealed class SevenDayServicesTests
{
    private const string Receipt = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b";
    private const string Now = "2026-03-10T12:00:00+01:00";
    private const string Eligible = "proof_of_purchase=verified:" + Receipt + "; terms_violation=false; purchase_type=one-time; reason_category=technical_problem";

    [Theory]
    [InlineData("purchase_date=2026-03-03; amount_paid=59; used_percent=0; " + Eligible, FullRefund, "59", "one-time-purchase")]
    [InlineData("purchase_date=2026-03-02; amount_paid=59; used_percent=0; " + Eligible, Denied, null, "outside-window")]
    [InlineData("purchase_date=2026-03-09; proof_of_purchase=rejected:" + Receipt, Denied, null, "no-proof-of-purchase")]
    [InlineData("purchase_date=2026-03-09; proof_of_purchase=verified:" + Receipt + "; terms_violation=true", Denied, null, "terms-violation")]
    [InlineData("purchase_date=2026-03-09; proof_of_purchase=verified:" + Receipt + "; terms_violation=false; purchase_type=other", HumanReview, null, "other-service-types")]
    [InlineData("purchase_date=2026-03-09; proof_of_purchase=verified:" + Receipt + "; terms_violation=false; purchase_type=one-time; reason_category=changed_mind", HumanReview, null, "reason-to-review")]
    [InlineData("purchase_date=2026-03-09; amount_paid=80; used_percent=25; proof_of_purchase=verified:" + Receipt + "; terms_violation=false; purchase_type=one-time; reason_category=dissatisfied", PartialRefund, "60", "one-time-purchase")]
    [InlineData("purchase_date=2026-03-09; amount_paid=10; used_percent=33.3; " + Eligible, PartialRefund, "6.67", "one-time-purchase")]
    [InlineData("purchase_date=2026-03-09; amount_paid=80; used_percent=100; " + Eligible, Denied, "0", "one-time-purchase")]
    [InlineData("purchase_date=2026-03-09; proof_of_purchase=missing", Denied, null, "proof-of-purchase-not-sent")]
    // A receipt received and not yet checked does not deny; the refund it leads to is provisional (PolicyVerificationTests).
    [InlineData("purchase_date=2026-03-09; amount_paid=59; used_percent=0; proof_of_purchase=received:" + Receipt + "; terms_violation=false; purchase_type=one-time; reason_category=technical_problem", FullRefund, "59", "one-time-purchase")]
    [InlineData("purchase_date=2026-03-09", MoreFactsNeeded, null, "proof-of-purchase-not-sent")]
    public void Decides_as_the_policy_says(string facts, Outcome outcome, string? refund, string rule) =>
        DecisionCase.Check("seven-day-services", Now, facts, outcome, refund, rule);
}
