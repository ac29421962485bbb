using RefundBot.Dialogs.Recognizers;

namespace RefundBot.Dialogs.Prompts;

/// <summary>
/// Whether a bounded answer settles a policy's tests without its figure. "at least 72 hours" covers 72 and every value
/// above it; "almost 48 hours" every value from 0 to 48. A test on a threshold holds alike across such a range exactly
/// when it holds alike at its two ends (a threshold test changes its answer once), so the bound settles the policy's
/// tests when each holds at the figure as it holds at the range's far end. The figure then decides as the customer's
/// own, unknown, value would, and recording it is true to what they said (a "more than 72 hours" is at least 72 too).
/// A strict bound on the threshold itself ("more than 48 hours" to "more than 48 hours") is not settled this way: the
/// figure would fail the test the customer says they pass, so the figure is asked for.
/// </summary>
internal static class BoundSettlement
{
    /// <param name="tests">The policy's tests on the fact; null when the decision needs the figure itself (a pro-rated refund).</param>
    public static bool Settles(Quantity quantity, IReadOnlyList<QuantityTest>? tests) =>
        quantity is { IsBound: true, Hedged: false } && tests is { Count: > 0 }
        && tests.All(test => test.Holds(quantity.Value) == test.Holds(FarEnd(quantity.Bound)));

    /// <summary>The other end of the range a bound's words allow: no end above, zero below (a count is never negative).</summary>
    private static decimal FarEnd(QuantityBound bound) =>
        bound is QuantityBound.AtLeast or QuantityBound.MoreThan ? decimal.MaxValue : 0m;
}
