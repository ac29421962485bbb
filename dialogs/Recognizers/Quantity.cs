namespace RefundBot.Dialogs.Recognizers;

/// <summary>How a quantity was read: as given, or in a way the customer should confirm before it is used.</summary>
public enum QuantityKind
{
    /// <summary>A number in the question's own unit ("72", "72 heures", "douze"): used as it is.</summary>
    Plain,

    /// <summary>Hedged ("about 40 hours", "une quinzaine"): read back.</summary>
    Approximate,

    /// <summary>Given in another unit ("3 jours" to an hours question, "half" to a percent one): read back.</summary>
    Converted,

    /// <summary>Counted from a date ("since the 15th"): read back with the date.</summary>
    FromDate,

    /// <summary>Counted from an hour today ("since 8am", "depuis 8h ce matin"): read back with the hour.</summary>
    FromHour,
}

/// <summary>
/// Which side of its figure an answer lies when the customer bounds it: "at least 3 days" is the figure or more, "more
/// than 2 days" above it, "2 weeks max" the figure or less, "less than 50" or "almost a month" under it. A bound is
/// never taken as the figure: the prompt reads it back as the bound only when it settles every test the policy makes
/// on the fact, and asks for the figure otherwise.
/// </summary>
public enum QuantityBound
{
    None,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
}

/// <summary>A duration as the customer gave it (2 weeks, about), for reading it back in their words.</summary>
public sealed record SaidDuration(decimal Amount, string Unit, bool Approximate);

/// <summary>A value in the question's unit, how it was read, and what to read back.</summary>
/// <param name="SaidText">For a conversion that is not a duration ("half"), the customer's words.</param>
/// <param name="Bound">The side of <see cref="Value"/> the customer's words put the answer on, if they bound it.</param>
/// <param name="Hedged">The customer hedged the figure ("about", "like", "une quinzaine"): with a question mark, it is asked for.</param>
public sealed record Quantity(
    decimal Value, QuantityKind Kind, string? SaidText = null, SaidDuration? Said = null, DateOnly? Since = null,
    QuantityBound Bound = QuantityBound.None, bool Hedged = false, TimeOnly? SinceHour = null)
{
    /// <summary>The value without trailing zeros (50, not 50.00), as it is stored on the case and read back.</summary>
    public decimal Value { get; } = Value / 1.000000000000000000000000000m;

    /// <summary>Not to be used as it stands: read back first, or (a bound that settles nothing) asked for.</summary>
    public bool NeedsReadBack => Kind != QuantityKind.Plain || IsBound;

    public bool IsBound => Bound != QuantityBound.None;
}
