using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Engine;

/// <summary>
/// Computes a refund from a <see cref="RefundFormula"/>: every part in decimal, each rounded once, half away from zero,
/// to the currency's minor unit; the refund is what was paid less the rounded parts, never below zero and never above
/// what was paid.
/// </summary>
public static class RefundCalculator
{
    public static RefundBreakdown? Compute(Policy policy, RefundFormula formula, ConditionEvaluator evaluator, List<string> missing)
    {
        var paid = 0m;
        foreach (var fact in formula.Paid)
        {
            paid += Money(fact, evaluator, missing);
        }

        var lines = new List<BreakdownLine>();
        lines.AddRange(Parts("fee", formula.FeesKept, evaluator, missing));
        if (formula.WithheldForUse is { } use && Withheld(use, evaluator, missing) is { } withheld)
        {
            lines.Add(new BreakdownLine("use", use.Of, withheld, use.Section));
        }

        lines.AddRange(Parts("deduction", formula.Deductions, evaluator, missing));
        if (missing.Count > 0)
        {
            return null;
        }

        var rounded = lines.Select(l => l with { Amount = Round(l.Amount, policy.MinorUnits) }).ToList();
        paid = Round(paid, policy.MinorUnits);
        var refund = Math.Clamp(paid - rounded.Sum(l => l.Amount), 0m, paid);
        return new RefundBreakdown(
            policy.Currency,
            paid,
            Sum(rounded, "fee"),
            Sum(rounded, "use"),
            Sum(rounded, "deduction"),
            refund,
            rounded);
    }

    public static decimal Round(decimal amount, int minorUnits) => Math.Round(amount, minorUnits, MidpointRounding.AwayFromZero);

    private static decimal Sum(IEnumerable<BreakdownLine> lines, string kind) => lines.Where(l => l.Kind == kind).Sum(l => l.Amount);

    private static IEnumerable<BreakdownLine> Parts(string kind, IEnumerable<AmountPart> parts, ConditionEvaluator evaluator, List<string> missing)
    {
        foreach (var part in parts)
        {
            var applies = evaluator.Evaluate(part.When);
            if (applies.IsUnknown)
            {
                missing.AddRange(applies.Missing);
            }
            else if (applies.IsTrue)
            {
                yield return new BreakdownLine(kind, part.Fact, Money(part.Fact, evaluator, missing), part.Section);
            }
        }
    }

    /// <summary>The share of the price kept for use: by days over the plan's term, or by a percentage; at most the price.</summary>
    private static decimal? Withheld(UseWithholding use, ConditionEvaluator evaluator, List<string> missing)
    {
        var price = Money(use.Of, evaluator, missing);
        if (use.UsedPercent is { } percentFact)
        {
            var percent = Money(percentFact, evaluator, missing);
            return Math.Min(price, price * percent / 100m);
        }

        var usedDays = Money(use.UsedDays!, evaluator, missing);
        if (evaluator.Value(use.TermFrom!) is not string term)
        {
            missing.Add(use.TermFrom!);
            return null;
        }

        return Math.Min(price, price * usedDays / use.TermDays[term]);
    }

    private static decimal Money(string fact, ConditionEvaluator evaluator, List<string> missing)
    {
        if (evaluator.Value(fact) is decimal value)
        {
            return value;
        }

        missing.Add(fact);
        return 0m;
    }
}
