using RefundBot.Bot.Admin;

namespace RefundBot.Bot.Tests.Admin;

/// <summary>The console's numbers from a table of cases whose every figure is known.</summary>
public sealed class CaseInsightsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly From = new(2026, 3, 1);
    private static readonly DateOnly To = new(2026, 3, 31);

    private static CaseRow Row(string id, int day, string outcome, string? by, double decidedAfterMinutes = 10, string order = "", string policy = "masecurite",
        decimal? refund = null, string currency = "EUR", bool person = false, double? escalatedAfter = null, double? joinedAfter = null, int? rating = null,
        string status = "decided", string reason = "defective", string? comment = null)
    {
        var at = new DateTimeOffset(2026, 3, day, 9, 0, 0, TimeSpan.Zero);
        return new CaseRow(id, at, policy, status, outcome, by, by is null ? null : at.AddMinutes(decidedAfterMinutes), "en", "webchat",
            order.Length > 0 ? order : "O-" + id, reason, refund, currency, escalatedAfter is null ? null : "customer-asked", rating, comment)
        {
            EscalatedAt = escalatedAfter is { } e ? at.AddMinutes(e) : null,
            AgentJoinedAt = joinedAfter is { } j ? at.AddMinutes(j) : null,
            PersonInvolved = person || escalatedAfter is not null,
            SatisfactionAsked = rating is not null,
        };
    }

    private static readonly CaseRow[] Period =
    [
        Row("A", 2, "fullRefund", "bot", decidedAfterMinutes: 4, refund: 50m, rating: 5),                   // automated
        Row("B", 3, "denied", "bot", decidedAfterMinutes: 6, order: "O-SAME", rating: 2, comment: "too strict"), // reopened: a new case 2 days later
        Row("C", 5, "fullRefund", "bot", decidedAfterMinutes: 8, order: "O-SAME", policy: "masecurite", refund: 20m), // that new case: automated
        Row("D", 6, "partialRefund", "agent", decidedAfterMinutes: 120, refund: 30.5m, escalatedAfter: 10, joinedAfter: 40, person: true),
        Row("E", 7, "fullRefund", "bot", decidedAfterMinutes: 2, policy: "smarters-pro", refund: 59.99m, currency: "USD", reason: "not-as-described"),
        Row("F", 8, "humanReview", null, escalatedAfter: 5, status: "human-review"),                   // waiting for a person
        Row("G", 29, "denied", "bot", decidedAfterMinutes: 10),                                          // decided 2 days ago: not judged yet
        Row("H", 10, "fullRefund", "bot", decidedAfterMinutes: 12, refund: 10m, status: "awaiting-verification"), // the team checks: not automated
    ];

    [Fact]
    public void Counts_outcomes_reasons_and_requests_per_day_over_the_whole_period()
    {
        var report = CaseInsights.Compute(Period, [], From, To, Now);

        Assert.Equal(8, report.Total);
        Assert.Equal(31, report.RequestsPerDay.Count);
        Assert.Equal(1, report.RequestsPerDay.Single(d => d.Date == new DateOnly(2026, 3, 2)).Count);
        Assert.Equal(0, report.RequestsPerDay.Single(d => d.Date == new DateOnly(2026, 3, 4)).Count);
        Assert.Equal(new Dictionary<string, int> { ["denied"] = 2, ["fullRefund"] = 4, ["humanReview"] = 1, ["partialRefund"] = 1 }, report.Outcomes);
        Assert.Equal(new Dictionary<string, int> { ["defective"] = 7, ["not-as-described"] = 1 }, report.Reasons);
    }

    [Fact]
    public void Escalation_rate_and_times_are_counted_from_the_cases_that_have_them()
    {
        var report = CaseInsights.Compute(Period, [], From, To, Now);

        Assert.Equal(2, report.Escalation.Count);
        Assert.Equal(0.25, report.Escalation.Rate);
        Assert.Equal(new Dictionary<string, int> { ["customer-asked"] = 2 }, report.Escalation.Reasons);
        Assert.Equal(new CaseInsights.Durations(1, 30, 30), report.TimeToAgent); // D: escalated at +10 min, joined at +40
        Assert.Equal(1, report.WaitingForAgent);                                  // F
        // Decided after 4, 6, 8, 120, 2, 10, 12 minutes: sorted 2 4 6 8 10 12 120; nearest rank: median the 4th, p90 the 7th.
        Assert.Equal(new CaseInsights.Durations(7, 8, 120), report.TimeToDecision);
    }

    [Fact]
    public void Refunds_are_summed_per_policy_and_currency_never_across_currencies_and_not_before_the_teams_check()
    {
        var report = CaseInsights.Compute(Period, [], From, To, Now);

        Assert.Equal(
            [new CaseInsights.RefundTotal("masecurite", "EUR", 3, 100.5m), new CaseInsights.RefundTotal("smarters-pro", "USD", 1, 59.99m)],
            report.Refunds);
    }

    [Fact]
    public void The_automated_resolution_rate_counts_bot_decisions_without_a_person_not_reopened_within_seven_days()
    {
        var report = CaseInsights.Compute(Period, [], From, To, Now);

        // Judged (decided 7 days ago or more): A B C D E H = 6 (F is undecided, G too recent). Automated: A, C, E.
        // B was reopened (C, same order and business, 2 days after B's decision); D had an agent; H waits for the team's check.
        Assert.Equal(new CaseInsights.AutomatedResolution(6, 3, 0.5, 1), report.AutomatedResolution);
    }

    [Fact]
    public void A_case_of_the_next_days_reopens_a_case_of_the_period_and_a_case_of_another_business_does_not()
    {
        var period = new[] { Row("X", 28, "denied", "bot", order: "O-1"), Row("Y", 20, "denied", "bot", order: "O-2") };
        var later = new[]
        {
            Row("Z", 29, "denied", "bot", order: "O-1"),                          // X reopened the next day
            Row("W", 21, "denied", "bot", order: "O-2", policy: "necxian"),        // another business's order O-2: not Y's
        };

        var report = CaseInsights.Compute(period, later, From, To, Now.AddDays(10));

        Assert.Equal(new CaseInsights.AutomatedResolution(2, 1, 0.5, 0), report.AutomatedResolution);
    }

    [Fact]
    public void Satisfaction_gives_the_ratings_their_average_and_the_comments()
    {
        var report = CaseInsights.Compute(Period, [], From, To, Now);

        Assert.Equal(2, report.Satisfaction.Asked);
        Assert.Equal(2, report.Satisfaction.Rated);
        Assert.Equal(3.5, report.Satisfaction.Average);
        Assert.Equal([0, 1, 0, 0, 1], report.Satisfaction.Ratings);
        Assert.Equal([new CaseInsights.Comment("B", 2, "too strict")], report.Satisfaction.Comments);
    }
}
