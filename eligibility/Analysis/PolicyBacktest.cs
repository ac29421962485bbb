using System.Globalization;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Analysis;

/// <summary>
/// A case as recorded, for a backtest: its facts as the case keeps them (text, as the API takes them), when it was
/// asked and decided, and what the engine decided then (outcome as recorded: "fullRefund", "humanReview"...).
/// </summary>
public sealed record RecordedCase(
    string Id,
    string PolicyId,
    IReadOnlyDictionary<string, string> Facts,
    DateTimeOffset RequestedAt,
    DateTimeOffset DecidedAt,
    Outcome Outcome,
    string? RuleId,
    decimal? Refund,
    string? Currency);

/// <summary>One case whose decision the draft changes.</summary>
public sealed record ChangedCase(string Id, Outcome From, Outcome To, decimal? RefundBefore, decimal? RefundAfter, string? RuleBefore, string? RuleAfter, IReadOnlyList<string> Asks);

/// <summary>Money refunded under the recorded decisions and under the draft, in one currency.</summary>
public sealed record MoneyTotals(string Currency, decimal Before, decimal After)
{
    public decimal Difference => After - Before;
}

/// <summary>
/// What a draft would have changed: how many cases were replayed, the money refunded and the escalations before
/// (as decided) and after (under the draft), and every changed case. Cases whose facts the draft cannot read (a fact
/// it no longer has, a choice it removed) are listed apart with why.
/// </summary>
public sealed record BacktestReport(
    int Replayed,
    IReadOnlyList<MoneyTotals> Money,
    int EscalationsBefore,
    int EscalationsAfter,
    IReadOnlyList<ChangedCase> Changed,
    IReadOnlyList<(string Id, string Why)> Unreadable);

/// <summary>
/// <c>policy backtest</c>: replays recorded cases under a draft policy with the engine the bot uses, each at its own
/// request and decision instants, and compares with what was decided. A case the draft would need more facts for is a
/// change to more-facts-needed, naming them: the case never had them, so no amount is guessed for it.
/// </summary>
public static class PolicyBacktest
{
    public static BacktestReport Run(Policy draft, IEnumerable<RecordedCase> cases)
    {
        var changed = new List<ChangedCase>();
        var unreadable = new List<(string, string)>();
        var money = new Dictionary<string, (decimal Before, decimal After)>(StringComparer.Ordinal);
        var (replayed, escalationsBefore, escalationsAfter) = (0, 0, 0);
        foreach (var recorded in cases.Where(c => c.PolicyId == draft.Id).OrderBy(c => c.RequestedAt).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            if (Facts(draft, recorded, out var why) is not { } facts)
            {
                unreadable.Add((recorded.Id, why!));
                continue;
            }

            var decision = EligibilityEngine.Decide(draft, facts, new DecisionInstants(recorded.RequestedAt, recorded.DecidedAt));
            replayed++;
            escalationsBefore += recorded.Outcome == Outcome.HumanReview ? 1 : 0;
            escalationsAfter += decision.Outcome == Outcome.HumanReview ? 1 : 0;
            var after = decision.Breakdown?.Refund;
            Add(money, recorded.Currency ?? draft.Currency, recorded.Refund ?? 0, 0);
            Add(money, decision.Breakdown?.Currency ?? draft.Currency, 0, after ?? 0);
            if (recorded.Outcome != decision.Outcome || (recorded.Refund ?? 0) != (after ?? 0))
            {
                changed.Add(new ChangedCase(recorded.Id, recorded.Outcome, decision.Outcome, recorded.Refund, after, recorded.RuleId, decision.RuleId, decision.MissingFacts));
            }
        }

        return new BacktestReport(replayed, money.Select(m => new MoneyTotals(m.Key, m.Value.Before, m.Value.After)).OrderBy(m => m.Currency, StringComparer.Ordinal).ToList(),
            escalationsBefore, escalationsAfter, changed, unreadable);
    }

    private static void Add(Dictionary<string, (decimal Before, decimal After)> money, string currency, decimal before, decimal after)
    {
        var (b, a) = money.GetValueOrDefault(currency);
        money[currency] = (b + before, a + after);
    }

    /// <summary>The case's facts read as the draft declares them; null (with why) when the draft cannot read one.</summary>
    private static FactValues? Facts(Policy draft, RecordedCase recorded, out string? why)
    {
        why = null;
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (id, text) in recorded.Facts)
        {
            if (draft.Fact(id) is not { } definition)
            {
                continue;
            }

            if (FactReader.Read(definition, text, out var problem) is not { } value)
            {
                why = $"fact '{id}': {problem}";
                return null;
            }

            values[id] = value;
        }

        return new FactValues(values);
    }

    /// <summary>An amount as the report prints it, in the currency's minor units.</summary>
    public static string Amount(decimal? amount, string currency) =>
        amount is { } a ? $"{a.ToString("0.00", CultureInfo.InvariantCulture)} {currency}" : "-";
}
