using RefundBot.Dialogs.Prompts;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// The tests a policy makes on a quantity fact, for <see cref="PromptOptions.BoundTests"/>: every threshold the rules,
/// their fees, deductions and timelines compare the fact with. None (null) when the policy needs the figure itself: a
/// refund computed from it (days or percent used), a test on one value (<c>is</c>, <c>in</c>), or no test at all.
/// </summary>
internal static class BoundTestsOfFact
{
    public static IReadOnlyList<QuantityTest>? Of(Policy policy, string factId)
    {
        if (policy.Rules.Any(rule => rule.Refund is { } formula && Computes(formula, factId)))
        {
            return null;
        }

        var leaves = Conditions(policy).SelectMany(Leaves).Where(leaf => leaf.Fact == factId).ToList();
        var tests = leaves.Select(Test).ToList();
        return tests.Count > 0 && tests.All(t => t is not null) ? tests.OfType<QuantityTest>().Distinct().ToList() : null;
    }

    private static bool Computes(RefundFormula formula, string factId) =>
        formula.Paid.Contains(factId)
        || formula.FeesKept.Concat(formula.Deductions).Any(part => part.Fact == factId)
        || formula.WithheldForUse is { } use && (use.Of == factId || use.UsedDays == factId || use.UsedPercent == factId || use.TermFrom == factId);

    private static IEnumerable<Condition?> Conditions(Policy policy) =>
        policy.Rules.SelectMany(rule => new[] { rule.When }
            .Concat(rule.Timeline.Select(entry => entry.When))
            .Concat(rule.Refund is { } formula ? formula.FeesKept.Concat(formula.Deductions).Select(part => part.When) : []));

    private static IEnumerable<Condition> Leaves(Condition? condition) =>
        condition is null ? []
        : condition.All is { } all ? all.SelectMany(Leaves)
        : condition.Any is { } any ? any.SelectMany(Leaves)
        : condition.Not is { } not ? Leaves(not)
        : [condition];

    /// <summary>The threshold test of a leaf, or null for a test on one value (which no bound settles).</summary>
    private static QuantityTest? Test(Condition leaf) => leaf switch
    {
        { GreaterThan: { } t } => new QuantityTest(QuantityComparison.GreaterThan, t),
        { AtLeast: { } t } => new QuantityTest(QuantityComparison.AtLeast, t),
        { LessThan: { } t } => new QuantityTest(QuantityComparison.LessThan, t),
        { AtMost: { } t } => new QuantityTest(QuantityComparison.AtMost, t),
        _ => null,
    };
}
