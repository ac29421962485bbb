using RefundBot.Eligibility.Model;
using static RefundBot.Eligibility.Model.Outcome;

namespace RefundBot.Eligibility.Tests;

/// <summary>MaSécurité (000): 30 calendar days on every plan, fees kept, use pro-rated, hardware returned.</summary>
public sealed class MaSecuriteTests
{
    private const string Now = "2026-03-31T12:00:00+02:00";
    private const string Refund = "request_type=refund; installation_fee=0; hardware_received=false";

    [Theory]
    // The text's own example: €120 annual, 10 days used → €3.29 withheld, €116.71 refunded.
    [InlineData("purchase_date=2026-03-21; plan=annual; amount_paid=120; days_used=10; " + Refund, PartialRefund, "116.71", "withdrawal")]
    // Day 30 is inside the window; day 31 is not.
    [InlineData("purchase_date=2026-03-01; plan=annual; amount_paid=120; days_used=0; " + Refund, FullRefund, "120", "withdrawal")]
    [InlineData("purchase_date=2026-02-28; plan=annual; amount_paid=120; days_used=0; after_window_reason=none; " + Refund, AlternativeOffered, null, "after-window")]
    // After the window, an unresolved technical problem is fixed first; still unresolved, a person examines it.
    [InlineData("purchase_date=2026-02-28; after_window_reason=unresolved_technical_problem; request_type=refund; troubleshooting_outcome=not_tried", TroubleshootingRequired, null, "after-window-fix-first")]
    [InlineData("purchase_date=2026-02-28; after_window_reason=unresolved_technical_problem; request_type=refund; troubleshooting_outcome=resolved", Resolved, null, "after-window-fixed")]
    [InlineData("purchase_date=2026-02-28; after_window_reason=unresolved_technical_problem; request_type=refund; troubleshooting_outcome=unresolved", HumanReview, null, "after-window-case-by-case")]
    [InlineData("purchase_date=2026-02-28; after_window_reason=unresolved_technical_problem; request_type=refund", MoreFactsNeeded, null, "after-window-fix-first")]
    [InlineData("purchase_date=2026-01-15; after_window_reason=exceptional_circumstances; request_type=refund", HumanReview, null, "after-window-case-by-case")]
    // Installation fees are kept.
    [InlineData("purchase_date=2026-03-21; plan=annual; amount_paid=120; installation_fee=49; days_used=10; request_type=refund; hardware_received=false", PartialRefund, "116.71", "withdrawal")]
    // A monthly plan is pro-rated over 30 days.
    [InlineData("purchase_date=2026-03-16; plan=monthly; amount_paid=14.90; days_used=15; " + Refund, PartialRefund, "7.45", "withdrawal")]
    // Damaged hardware: its value is deducted.
    [InlineData("purchase_date=2026-03-26; plan=annual; amount_paid=199; installation_fee=0; days_used=5; request_type=refund; hardware_received=true; hardware_in_original_packaging=true; hardware_damaged=true; hardware_value=89", PartialRefund, "107.27", "withdrawal")]
    [InlineData("purchase_date=2026-03-26; plan=annual; amount_paid=199; installation_fee=0; days_used=0; request_type=refund; hardware_received=true; hardware_in_original_packaging=true; hardware_damaged=false", FullRefund, "199", "withdrawal")]
    // Not in its original packaging: the text says it must be, and not what happens otherwise.
    [InlineData("purchase_date=2026-03-26; request_type=refund; hardware_received=true; hardware_in_original_packaging=false", HumanReview, null, "hardware-packaging")]
    // Outages are evaluated individually.
    [InlineData("purchase_date=2025-06-01; request_type=outage", HumanReview, null, "outage")]
    // The facts the rules need are asked in order.
    [InlineData("purchase_date=2026-03-21", MoreFactsNeeded, null, "outage")]
    [InlineData("purchase_date=2026-03-21; request_type=refund; hardware_received=false; installation_fee=0; plan=annual; amount_paid=120", MoreFactsNeeded, null, "withdrawal")]
    public void Decides_as_the_policy_says(string facts, Outcome outcome, string? refund, string rule) =>
        DecisionCase.Check("masecurite", Now, facts, outcome, refund, rule);

    [Fact]
    public void The_example_breakdown_and_timeline_are_exact()
    {
        var decision = DecisionCase.Check("masecurite", Now,
            "purchase_date=2026-03-21; plan=annual; amount_paid=120; installation_fee=49; days_used=10; " + "request_type=refund; hardware_received=false",
            PartialRefund, "116.71", "withdrawal");

        var breakdown = decision.Breakdown!;
        Assert.Equal((169m, 49m, 3.29m, 0m, 116.71m), (breakdown.Paid, breakdown.FeesKept, breakdown.WithheldForUse, breakdown.Deductions, breakdown.Refund));
        Assert.Equal(["withdrawal", "installation-fees", "proportional-use", "timeframe"], decision.Sections);
        Assert.Equal(new DateOnly(2026, 4, 21), decision.Timeline!.LatestDate); // 14 business days: Easter Monday, 6 April, is a holiday
    }

    [Fact]
    public void Returned_hardware_moves_the_refund_to_30_days_after_it_arrives()
    {
        var decision = DecisionCase.Check("masecurite", Now,
            "purchase_date=2026-03-26; plan=annual; amount_paid=199; installation_fee=0; days_used=0; request_type=refund; hardware_received=true; hardware_in_original_packaging=true; hardware_damaged=false",
            FullRefund, "199", "withdrawal");

        Assert.Null(decision.Timeline!.LatestDate);
        Assert.Contains("30 days of our receiving the equipment", decision.Timeline.Text["en"]);
    }

    [Fact]
    public void Calendar_days_are_counted_in_the_policys_zone_near_midnight()
    {
        // 23:30 UTC on 31 March is already 1 April in Brussels: day 31.
        var facts = "purchase_date=2026-03-01; after_window_reason=none; request_type=refund";
        DecisionCase.Check("masecurite", "2026-03-31T21:30:00Z", facts + "; plan=annual; amount_paid=1; days_used=0; installation_fee=0; hardware_received=false", FullRefund, "1", "withdrawal");
        DecisionCase.Check("masecurite", "2026-03-31T23:30:00Z", facts, AlternativeOffered, null, "after-window");
    }
}
