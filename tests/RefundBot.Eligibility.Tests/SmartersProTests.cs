using RefundBot.Eligibility.Model;
using static RefundBot.Eligibility.Model.Outcome;

namespace RefundBot.Eligibility.Tests;

/// <summary>Smarters Pro (004): 72 hours, mandatory troubleshooting with 48 hours to resolve, excluded situations, long outages.</summary>
public sealed class SmartersProTests
{
    private const string Now = "2026-03-13T10:00:00+01:00";
    private const string Unresolved = "problem_type=other; troubleshooting_outcome=unresolved; amount_paid=59.99";

    [Theory]
    [InlineData("purchase_date=2026-03-12; problem_type=temporary_interruption", Denied, null, "non-refundable-situations")]
    [InlineData("purchase_date=2026-03-12; problem_type=weak_internet", Denied, null, "non-refundable-situations")]
    [InlineData("purchase_date=2026-03-12; problem_type=misconfiguration", Denied, null, "non-refundable-situations")]
    [InlineData("purchase_date=2026-02-01; problem_type=service_outage; outage_hours=72; outage_our_fault=true", HumanReview, null, "long-outage")]
    [InlineData("purchase_date=2026-02-01; problem_type=service_outage; outage_hours=30", Denied, null, "short-or-external-outage")]
    [InlineData("purchase_date=2026-02-01; problem_type=service_outage; outage_hours=72; outage_our_fault=false", Denied, null, "short-or-external-outage")]
    [InlineData("purchase_date=2026-03-12; problem_type=other; troubleshooting_outcome=refused", Denied, null, "refused-mandatory-support")]
    [InlineData("purchase_date=2026-03-12; problem_type=misconfiguration; troubleshooting_outcome=refused", Denied, null, "non-refundable-situations")]
    [InlineData("purchase_date=2026-03-12; problem_type=other; troubleshooting_outcome=not_tried", TroubleshootingRequired, null, "troubleshooting-first")]
    [InlineData("purchase_date=2026-03-12; problem_type=other; troubleshooting_outcome=resolved", Resolved, null, "troubleshooting-resolved")]
    // 71 h 59 min after the purchase: full refund. 72 h 01 min: no longer.
    [InlineData("purchase_date=2026-03-10; purchase_time=10:01; " + Unresolved, FullRefund, "59.99", "within-72-hours")]
    [InlineData("purchase_date=2026-03-10; purchase_time=09:59; " + Unresolved, HumanReview, null, "after-72-hours")]
    // Without the time, the date alone settles it unless the purchase day straddles the limit.
    [InlineData("purchase_date=2026-03-11; " + Unresolved, FullRefund, "59.99", "within-72-hours")]
    [InlineData("purchase_date=2026-03-09; " + Unresolved, HumanReview, null, "after-72-hours")]
    [InlineData("purchase_date=2026-03-10; " + Unresolved, MoreFactsNeeded, null, "within-72-hours")]
    public void Decides_as_the_policy_says(string facts, Outcome outcome, string? refund, string rule) =>
        DecisionCase.Check("smarters-pro", Now, facts, outcome, refund, rule);

    [Fact]
    public void Troubleshooting_gives_support_48_hours()
    {
        var decision = DecisionCase.Check("smarters-pro", Now, "purchase_date=2026-03-12; problem_type=other; troubleshooting_outcome=not_tried", TroubleshootingRequired, null, "troubleshooting-first");

        Assert.Equal(48, decision.ResolutionWindowHours);
        Assert.Equal(["mandatory-support"], decision.Sections);
    }

    [Fact]
    public void Card_refunds_are_due_within_31_business_days()
    {
        var decision = DecisionCase.Check("smarters-pro", Now, "purchase_date=2026-03-11; " + Unresolved, FullRefund, "59.99", "within-72-hours");

        Assert.Equal(new DateOnly(2026, 4, 28), decision.Timeline!.LatestDate); // Easter Monday, 6 April, is a public holiday in France
    }

    [Fact]
    public void The_missing_fact_for_an_ambiguous_day_is_the_time_of_purchase()
    {
        var decision = Policies.Decide("smarters-pro", Now, "purchase_date=2026-03-10", "problem_type=other", "troubleshooting_outcome=unresolved", "amount_paid=10");

        Assert.Equal(["purchase_time"], decision.MissingFacts);
    }
}
