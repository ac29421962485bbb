using RefundBot.Eligibility.Analysis;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Tests.Analysis;

/// <summary>
/// <c>policy backtest</c> (issue 25): recorded cases replayed under a draft, each at its own instants. The issue's
/// example: a 30-day window that becomes 14 days changes exactly the cases asked between day 15 and day 30.
/// </summary>
public sealed class PolicyBacktestTests : IDisposable
{
    private static readonly DateTimeOffset AskedAt = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly PolicyFolder _published = new(PolicyFolder.FourteenDayReturns);
    private readonly PolicyFolder _draft = new(PolicyFolder.FourteenDayReturns);

    public PolicyBacktestTests() => _published
        .Replace("policy.yaml", "calendarDays: 14", "calendarDays: 30")
        .Replace("policy.yaml", "within 14 days", "within 30 days")
        .Replace("policy.yaml", "dans les 14 jours", "dans les 30 jours")
        .Replace("policy.yaml", "sous 14 jours", "sous 30 jours");

    public void Dispose()
    {
        _published.Dispose();
        _draft.Dispose();
    }

    [Fact]
    public void A_30_day_window_that_becomes_14_days_changes_exactly_the_cases_of_days_15_to_30_with_the_money_difference()
    {
        // One unopened £80 purchase asked on each day from the day of purchase (day 0) to day 40.
        var cases = Enumerable.Range(0, 41).Select(day => Recorded(Load(_published), day, opened: false)).ToList();

        var report = PolicyBacktest.Run(Load(_draft), cases);

        Assert.Equal(41, report.Replayed);
        Assert.Equal(Enumerable.Range(15, 16).Select(Id), report.Changed.Select(c => c.Id));
        Assert.All(report.Changed, c => Assert.Equal((Outcome.FullRefund, Outcome.Denied, 80m, (decimal?)null, "return", "too-late"),
            (c.From, c.To, c.RefundBefore!.Value, c.RefundAfter, c.RuleBefore, c.RuleAfter)));
        var money = Assert.Single(report.Money);
        Assert.Equal(("GBP", 31 * 80m, 15 * 80m, -16 * 80m), (money.Currency, money.Before, money.After, money.Difference));
        Assert.Equal((0, 0), (report.EscalationsBefore, report.EscalationsAfter));
    }

    [Fact]
    public void A_draft_that_keeps_the_rules_changes_nothing()
    {
        var cases = Enumerable.Range(0, 41).Select(day => Recorded(Load(_published), day, opened: day % 2 == 0)).ToList();

        var report = PolicyBacktest.Run(Load(_published), cases);

        Assert.Empty(report.Changed);
        Assert.Equal(report.Money[0].Before, report.Money[0].After);
    }

    [Fact]
    public void A_case_the_draft_needs_another_fact_for_is_a_change_to_more_facts_needed_naming_it_with_no_amount_guessed()
    {
        // The draft keeps a restocking fee on unopened items too: the case of an unopened item never gave one.
        _draft.Replace("policy.yaml", "          when: { fact: opened, is: true }\n", "");
        var recorded = Recorded(Load(_published), 3, opened: false);

        var change = Assert.Single(PolicyBacktest.Run(Load(_draft), [recorded]).Changed);

        Assert.Equal((Outcome.MoreFactsNeeded, (decimal?)null), (change.To, change.RefundAfter));
        Assert.Equal(["restocking_fee"], change.Asks);
    }

    [Fact]
    public void Cases_of_other_policies_are_left_out_and_a_fact_the_draft_cannot_read_is_listed_apart()
    {
        var policy = Load(_published);
        var other = Recorded(policy, 1, opened: false) with { Id = "RB-OTHER", PolicyId = "masecurite" };
        var unreadable = Recorded(policy, 2, opened: false) with { Id = "RB-ODD", Facts = new Dictionary<string, string> { ["opened"] = "maybe" } };

        var report = PolicyBacktest.Run(Load(_draft), [other, unreadable]);

        Assert.Equal(0, report.Replayed);
        Assert.Equal(("RB-ODD", "fact 'opened': 'maybe' is not a valid boolean"), Assert.Single(report.Unreadable));
    }

    private static string Id(int day) => $"RB-DAY{day:00}";

    /// <summary>A case asked <paramref name="day"/> days after its purchase, decided then by <paramref name="policy"/>, as the bot records it.</summary>
    private static RecordedCase Recorded(Policy policy, int day, bool opened)
    {
        var facts = new Dictionary<string, string>
        {
            ["purchase_date"] = DateOnly.FromDateTime(AskedAt.UtcDateTime).AddDays(-day).ToString("yyyy-MM-dd"),
            ["opened"] = opened ? "true" : "false",
            ["amount_paid"] = "80",
        };
        if (opened)
        {
            facts["restocking_fee"] = "12.50"; // asked only where the rules need it, as the bot does
        }

        var values = facts.ToDictionary(f => f.Key, f => FactReader.Read(policy.Fact(f.Key)!, f.Value, out _)!);
        var decision = EligibilityEngine.Decide(policy, new FactValues(values), AskedAt);
        return new RecordedCase(Id(day), policy.Id, facts, AskedAt, AskedAt, decision.Outcome, decision.RuleId, decision.Breakdown?.Refund, decision.Breakdown?.Currency);
    }

    private static Policy Load(PolicyFolder folder)
    {
        var problems = new List<PolicyProblem>();
        return PolicyLoader.Load(folder.Folder, problems) ?? throw new InvalidOperationException(string.Join("\n", problems));
    }
}
