using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Tests;

/// <summary>What must hold for every set of facts, not only the policies' examples.</summary>
public sealed class RefundInvariantTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 12, 0, 0, TimeSpan.FromHours(2));
    private static readonly string[] Plans = ["monthly", "annual", "two-year", "three-year"];

    [Property(MaxTest = 500)]
    public bool MaSecurite_never_refunds_more_than_was_paid_nor_less_than_zero(
        PositiveInt cents, NonNegativeInt feeCents, NonNegativeInt days, NonNegativeInt age, int plan, bool hardware, bool damaged, NonNegativeInt hardwareCents)
    {
        var decision = Decide("masecurite", MaSecuriteFacts(cents.Get, feeCents.Get % 20000, days.Get % 1200, age.Get % 30, plan, hardware, damaged, hardwareCents.Get % 50000));
        var breakdown = decision.Breakdown!;
        return breakdown.Refund >= 0 && breakdown.Refund <= breakdown.Paid
            && breakdown.Refund == Math.Round(breakdown.Refund, 2)
            && breakdown.Refund == Math.Max(0, breakdown.Paid - breakdown.FeesKept - breakdown.WithheldForUse - breakdown.Deductions);
    }

    [Property(MaxTest = 300)]
    public bool MaSecurite_never_refunds_more_as_days_used_grow(PositiveInt cents, NonNegativeInt days, PositiveInt more, int plan)
    {
        Dictionary<string, object> Facts(int used) => MaSecuriteFacts(cents.Get, 0, used, 0, plan, hardware: false, damaged: false, 0);
        var fewer = Decide("masecurite", Facts(days.Get % 400)).Breakdown!.Refund;
        var later = Decide("masecurite", Facts(days.Get % 400 + more.Get % 400)).Breakdown!.Refund;
        return later <= fewer;
    }

    [Property(MaxTest = 300)]
    public bool SevenDay_never_refunds_more_as_the_share_used_grows(PositiveInt cents, NonNegativeInt used, NonNegativeInt more)
    {
        Dictionary<string, object> Facts(int percent) => new()
        {
            ["purchase_date"] = new DateOnly(2026, 3, 29), ["proof_of_purchase"] = new DocumentEvidence(DocumentStatus.Verified, new string('a', 64)), ["terms_violation"] = false,
            ["purchase_type"] = "one-time", ["reason_category"] = "technical_problem",
            ["amount_paid"] = cents.Get / 100m, ["used_percent"] = (decimal)Math.Min(100, percent),
        };
        var lower = used.Get % 101;
        var first = Decide("seven-day-services", Facts(lower)).Breakdown!;
        var second = Decide("seven-day-services", Facts(lower + more.Get % 101)).Breakdown!;
        return second.Refund <= first.Refund && first.Refund <= first.Paid && second.Refund >= 0;
    }

    [Property(MaxTest = 300)]
    public bool The_same_facts_always_give_the_same_decision(PositiveInt cents, NonNegativeInt days, NonNegativeInt age, int plan, bool hardware, bool damaged)
    {
        var facts = MaSecuriteFacts(cents.Get, 0, days.Get % 500, age.Get % 60, plan, hardware, damaged, 1234);
        return Json(Decide("masecurite", facts)) == Json(Decide("masecurite", new Dictionary<string, object>(facts.Reverse())));
    }

    [Fact]
    public void Every_policy_decides_every_combination_of_its_choices_without_failing()
    {
        foreach (var policy in Policies.All)
        {
            var choices = policy.Facts.Where(f => f.Type is FactType.Choice or FactType.Boolean).ToList();
            for (var seed = 0; seed < 200; seed++)
            {
                var random = new Random(seed);
                var facts = new Dictionary<string, object>();
                foreach (var fact in policy.Facts)
                {
                    facts[fact.Id] = fact.Type switch
                    {
                        FactType.Boolean => random.Next(2) == 0,
                        FactType.Choice => fact.Choices[random.Next(fact.Choices.Count)].Id,
                        FactType.Date => DateOnly.FromDateTime(Now.Date).AddDays(-random.Next(0, 60)),
                        FactType.Time => new TimeOnly(random.Next(24), random.Next(60)),
                        _ => (decimal)random.Next(0, Math.Min(100, (int)(fact.Max ?? 100)) + 1),
                    };
                }

                var decision = EligibilityEngine.Decide(policy, new FactValues(facts), Now);
                Assert.NotEqual(Model.Outcome.MoreFactsNeeded, decision.Outcome);
                Assert.True(decision.Breakdown is null || (decision.Breakdown.Refund >= 0 && decision.Breakdown.Refund <= decision.Breakdown.Paid),
                    $"{policy.Id} seed {seed}");
            }
        }
    }

    /// <summary>
    /// Whatever the API or the chat can hand the engine (every value FactReader accepts: money up to the policy's
    /// maxAmount, numbers up to their limits, dates from 2000-01-01 to the day of the request, an instant from 2000 on),
    /// every policy decides without throwing: no OverflowException at the largest amounts, none at the calendar's edges.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Every_policy_decides_any_facts_the_reader_accepts_without_throwing(int seed, bool atTheLimits, NonNegativeInt daysSince2000)
    {
        var now = new DateTimeOffset(2000, 1, 2, 0, 0, 0, TimeSpan.Zero).AddDays(daysSince2000.Get % 12000);
        var random = new Random(seed);
        foreach (var policy in Policies.All)
        {
            var today = EligibilityEngine.Today(policy, now);
            var facts = new Dictionary<string, object>();
            foreach (var fact in policy.Facts)
            {
                var text = fact.Type switch
                {
                    FactType.Boolean => random.Next(2) == 0 ? "true" : "false",
                    FactType.Choice => fact.Choices[random.Next(fact.Choices.Count)].Id,
                    FactType.Date => Iso(Pick(random, atTheLimits, FactReader.EarliestDate, today)),
                    FactType.Time => $"{random.Next(24):00}:{random.Next(60):00}",
                    FactType.Document => random.Next(4) switch
                    {
                        0 => "missing",
                        var status => $"{DocumentEvidence.StatusName((DocumentStatus)(status - 1))}:{new string('b', 64)}",
                    },
                    _ => Number(random, atTheLimits, FactReader.Limits(fact), fact.Type == FactType.Integer),
                };
                facts[fact.Id] = FactReader.Read(fact, text, out var problem, today) ?? throw new InvalidOperationException($"{fact.Id}: {problem}");
            }

            var decision = EligibilityEngine.Decide(policy, new FactValues(facts), now);
            if (decision.Breakdown is { } breakdown && (breakdown.Refund < 0 || breakdown.Refund > breakdown.Paid))
            {
                return false;
            }
        }

        return true;
    }

    private static DateOnly Pick(Random random, bool atTheLimits, DateOnly earliest, DateOnly latest) =>
        atTheLimits ? (random.Next(2) == 0 ? earliest : latest)
        : earliest.AddDays(random.Next(latest.DayNumber - earliest.DayNumber + 1));

    private static string Number(Random random, bool atTheLimits, (decimal Min, decimal Max) limits, bool whole)
    {
        var value = atTheLimits
            ? (random.Next(2) == 0 ? limits.Min : limits.Max)
            : limits.Min + (limits.Max - limits.Min) * (decimal)random.NextDouble();
        value = whole ? decimal.Floor(value) : Math.Round(value, 2, MidpointRounding.ToZero);
        return Math.Clamp(value, limits.Min, limits.Max).ToString(CultureInfo.InvariantCulture);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, object> MaSecuriteFacts(int cents, int feeCents, int days, int age, int plan, bool hardware, bool damaged, int hardwareCents) => new()
    {
        ["purchase_date"] = DateOnly.FromDateTime(Now.Date).AddDays(-age),
        ["request_type"] = "refund",
        ["plan"] = Plans[Math.Abs(plan % Plans.Length)],
        ["amount_paid"] = cents / 100m,
        ["installation_fee"] = feeCents / 100m,
        ["days_used"] = (decimal)days,
        ["hardware_received"] = hardware,
        ["hardware_in_original_packaging"] = true,
        ["hardware_damaged"] = damaged,
        ["hardware_value"] = hardwareCents / 100m,
    };

    private static Decision Decide(string policyId, Dictionary<string, object> facts) =>
        EligibilityEngine.Decide(Policies.Get(policyId), new FactValues(facts), Now);

    private static string Json(Decision decision) => JsonSerializer.Serialize(decision, new JsonSerializerOptions { WriteIndented = false });
}
