namespace RefundBot.Dialogs.Prompts;

/// <summary>How a policy compares a quantity fact with its threshold.</summary>
internal enum QuantityComparison
{
    GreaterThan,
    AtLeast,
    LessThan,
    AtMost,
}

/// <summary>One test a policy makes on a quantity fact ("outage_hours greaterThan 48").</summary>
internal sealed record QuantityTest(QuantityComparison Comparison, decimal Threshold)
{
    public bool Holds(decimal value) => Comparison switch
    {
        QuantityComparison.GreaterThan => value > Threshold,
        QuantityComparison.AtLeast => value >= Threshold,
        QuantityComparison.LessThan => value < Threshold,
        _ => value <= Threshold,
    };
}
