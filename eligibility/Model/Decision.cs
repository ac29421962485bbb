namespace RefundBot.Eligibility.Model;

/// <summary>
/// What the engine decided and why: the outcome, the money, when it comes back, the rule and the sections it rests on,
/// or the facts it still needs. The same policy, facts and instant always give the same decision.
/// </summary>
public sealed record Decision(
    string PolicyId,
    Outcome Outcome,
    string? RuleId,
    IReadOnlyList<string> Sections,
    IReadOnlyList<string> MissingFacts,
    RefundBreakdown? Breakdown,
    DecisionTimeline? Timeline,
    IReadOnlyList<string> Alternatives,
    LocalizedText? Explanation,
    int? ResolutionWindowHours)
{
    public static Decision NeedsFacts(string policyId, string ruleId, IReadOnlyList<string> missing) =>
        new(policyId, Outcome.MoreFactsNeeded, ruleId, [], missing, null, null, [], null, null);
}

/// <summary>The refund's arithmetic, each part rounded to the currency's minor unit: Refund = Paid − FeesKept − WithheldForUse − Deductions (never below zero).</summary>
public sealed record RefundBreakdown(
    string Currency,
    decimal Paid,
    decimal FeesKept,
    decimal WithheldForUse,
    decimal Deductions,
    decimal Refund,
    IReadOnlyList<BreakdownLine> Lines);

/// <summary>One amount kept or deducted: which fact (or "use"), how much, and the section that allows it.</summary>
public sealed record BreakdownLine(string Kind, string Source, decimal Amount, string Section);

/// <summary>
/// When the money comes back: the policy's words, and where the entry counts business days, that count and the date it
/// reaches from the day of the decision (arithmetic, not a promise: the policy's own words may allow longer).
/// </summary>
public sealed record DecisionTimeline(LocalizedText Text, string Section, DateOnly? LatestDate, int? BusinessDays = null);
