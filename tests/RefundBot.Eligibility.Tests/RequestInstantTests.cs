using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;
using static RefundBot.Eligibility.Model.Outcome;

namespace RefundBot.Eligibility.Tests;

/// <summary>
/// Windows are judged at the instant the customer asked, timelines counted from the decision (issue 22, problem 3):
/// 004 "demandes … soumises dans un délai de 72 heures après l'achat", 000 "30 calendar days … to exercise your right
/// of withdrawal". A wait the policy imposes (troubleshooting, support's 48 hours) never costs the customer a window.
/// </summary>
public sealed class RequestInstantTests
{
    private const string Unresolved = "problem_type=other; troubleshooting_outcome=unresolved; amount_paid=59.99";
    private const string Withdrawal = "plan=annual; amount_paid=120; days_used=0; request_type=refund; installation_fee=0; hardware_received=false";

    [Theory]
    // Smarters Pro: bought 10 March 10:00, asked 24 h later, through the mandatory 48 h support window, decided at 72 h 02.
    [InlineData("smarters-pro", "2026-03-11T10:00:00+01:00", "2026-03-13T10:02:00+01:00", "purchase_date=2026-03-10; purchase_time=10:00; " + Unresolved, FullRefund, "59.99", "within-72-hours")]
    // Asked at 72 h 01: the request itself is late, whenever it is decided.
    [InlineData("smarters-pro", "2026-03-13T10:01:00+01:00", "2026-03-13T10:01:00+01:00", "purchase_date=2026-03-10; purchase_time=10:00; " + Unresolved, HumanReview, null, "after-72-hours")]
    [InlineData("smarters-pro", "2026-03-13T10:01:00+01:00", "2026-03-15T10:05:00+01:00", "purchase_date=2026-03-10; purchase_time=10:00; " + Unresolved, HumanReview, null, "after-72-hours")]
    // Without the time: the day of the request settles it (asked on day 1 after the purchase, decided on day 3).
    [InlineData("smarters-pro", "2026-03-11T09:00:00+01:00", "2026-03-13T23:00:00+01:00", "purchase_date=2026-03-10; " + Unresolved, FullRefund, "59.99", "within-72-hours")]
    // MaSécurité: the right of withdrawal exercised on day 30 stands when the decision comes on day 33.
    [InlineData("masecurite", "2026-03-31T20:00:00+02:00", "2026-04-03T09:00:00+02:00", "purchase_date=2026-03-01; " + Withdrawal, FullRefund, "120", "withdrawal")]
    // Exercised on day 31: too late, even decided the same minute.
    [InlineData("masecurite", "2026-04-01T09:00:00+02:00", "2026-04-01T09:00:00+02:00", "purchase_date=2026-03-01; after_window_reason=none; " + Withdrawal, AlternativeOffered, null, "after-window")]
    public void Windows_are_judged_when_the_customer_asked(string policyId, string requestedAt, string decidedAt, string facts, Outcome outcome, string? refund, string rule)
    {
        var decision = Policies.DecideAsked(policyId, requestedAt, decidedAt, facts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        Assert.True(outcome == decision.Outcome, $"expected {outcome} but got {decision.Outcome} (rule {decision.RuleId}, missing [{string.Join(", ", decision.MissingFacts)}])");
        Assert.Equal(rule, decision.RuleId);
        Assert.Equal(refund is null ? null : decimal.Parse(refund, System.Globalization.CultureInfo.InvariantCulture), decision.Breakdown?.Refund);
    }

    [Fact]
    public void The_refund_timeline_counts_from_the_decision()
    {
        // 31 business days from the decision (Friday 13 March), not from the request (Wednesday 11 March).
        var decision = Policies.DecideAsked("smarters-pro", "2026-03-11T10:00:00+01:00", "2026-03-13T10:02:00+01:00",
            "purchase_date=2026-03-10", "purchase_time=10:00", "problem_type=other", "troubleshooting_outcome=unresolved", "amount_paid=59.99");

        Assert.Equal(BusinessDays.Add(new DateOnly(2026, 3, 13), 31, Policies.Get("smarters-pro").PublicHolidays), decision.Timeline!.LatestDate);
    }

    [Theory]
    [InlineData(null, FullRefund)]
    [InlineData("request", FullRefund)]
    [InlineData("decision", HumanReview)]
    public void A_window_may_say_it_is_judged_at_the_decision(string? instant, Outcome outcome)
    {
        var folder = Directory.CreateTempSubdirectory("policy-instant-");
        try
        {
            CopyPolicy("smarters-pro", folder.FullName, instant);
            var policy = PolicyLoader.LoadAll(folder.FullName).Get("smarters-pro");
            var facts = Policies.Facts(policy, "purchase_date=2026-03-10", "purchase_time=10:00", "problem_type=other", "troubleshooting_outcome=unresolved", "amount_paid=59.99");

            var decision = EligibilityEngine.Decide(policy, facts,
                new DecisionInstants(new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 13, 10, 2, 0, TimeSpan.FromHours(1))));

            Assert.Equal(outcome, decision.Outcome);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void CopyPolicy(string id, string into, string? instant)
    {
        var source = Path.Combine(Policies.ContentDirectory, id);
        var target = Directory.CreateDirectory(Path.Combine(into, id)).FullName;
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        if (instant is not null)
        {
            var rules = Path.Combine(target, PolicyLoader.RulesFile);
            var text = File.ReadAllText(rules);
            const string window = "within: { from: purchase_date, atTime: purchase_time, hours: 72 }";
            Assert.Contains(window, text);
            File.WriteAllText(rules, text.Replace(window, $"within: {{ from: purchase_date, atTime: purchase_time, hours: 72, instant: {instant} }}"));
        }
    }
}
