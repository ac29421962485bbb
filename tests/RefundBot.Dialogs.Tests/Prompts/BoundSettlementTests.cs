using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Refund;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Dialogs.Tests.Prompts;

/// <summary>
/// A bound ("at least 3 days", "almost 48h") is read back as the bound only when it settles every test the policy makes
/// on the fact; otherwise the figure is asked for. Smarters Pro tests the outage hours once ("more than 48"); MaSécurité
/// and Seven Day Services pro-rate their refunds on the days or the share used, so no bound ever settles them.
/// </summary>
public sealed class BoundSettlementTests
{
    private static readonly QuantityTest MoreThan48 = new(QuantityComparison.GreaterThan, 48);

    [Theory]
    [InlineData(QuantityBound.AtLeast, 72, true)]   // "at least 3 days": every value from 72 up is more than 48
    [InlineData(QuantityBound.MoreThan, 72, true)]  // "more than 3 days"
    [InlineData(QuantityBound.AtLeast, 48, false)]  // "at least 2 days": 48 itself is not more than 48
    [InlineData(QuantityBound.MoreThan, 48, false)] // "more than 48h": recording 48 would fail the test the customer passes
    [InlineData(QuantityBound.AtLeast, 10, false)]  // "at least 10 hours": more than 48 or not, unknown
    [InlineData(QuantityBound.LessThan, 48, true)]  // "nearly 48h": under 48, not more than 48
    [InlineData(QuantityBound.AtMost, 48, true)]    // "48 hours max"
    [InlineData(QuantityBound.AtMost, 50, false)]   // "50 hours max": 49 or 30, unknown
    [InlineData(QuantityBound.LessThan, 24, true)]
    [InlineData(QuantityBound.None, 72, false)]     // not a bound: never settled this way
    public void A_bound_settles_a_threshold_only_when_every_value_it_allows_decides_alike(QuantityBound bound, int figure, bool settles) =>
        Assert.Equal(settles, BoundSettlement.Settles(new Quantity(figure, QuantityKind.Plain, Bound: bound), [MoreThan48]));

    [Fact]
    public void A_hedged_bound_or_a_figure_the_policy_needs_is_never_settled()
    {
        Assert.False(BoundSettlement.Settles(new Quantity(72, QuantityKind.Approximate, Bound: QuantityBound.AtLeast, Hedged: true), [MoreThan48]));
        Assert.False(BoundSettlement.Settles(new Quantity(72, QuantityKind.Plain, Bound: QuantityBound.AtLeast), null));
        Assert.False(BoundSettlement.Settles(new Quantity(72, QuantityKind.Plain, Bound: QuantityBound.AtLeast), []));
    }

    [Fact]
    public void Two_thresholds_are_settled_only_when_the_bound_clears_both()
    {
        IReadOnlyList<QuantityTest> tests = [MoreThan48, new(QuantityComparison.AtMost, 100)];
        Assert.False(BoundSettlement.Settles(new Quantity(72, QuantityKind.Plain, Bound: QuantityBound.AtLeast), tests));
        Assert.True(BoundSettlement.Settles(new Quantity(120, QuantityKind.Plain, Bound: QuantityBound.AtLeast), tests));
    }

    [Fact]
    public void The_policies_tests_on_a_quantity_are_its_thresholds_unless_a_refund_is_computed_from_it()
    {
        var policies = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));

        Assert.Equal([MoreThan48], BoundTestsOfFact.Of(policies.Get("smarters-pro"), "outage_hours"));
        Assert.Null(BoundTestsOfFact.Of(policies.Get("masecurite"), "days_used"));
        Assert.Null(BoundTestsOfFact.Of(policies.Get("seven-day-services"), "used_percent"));
    }
}
