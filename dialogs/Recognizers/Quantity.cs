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
}

/// <summary>A duration as the customer gave it (2 weeks, about), for reading it back in their words.</summary>
public sealed record SaidDuration(decimal Amount, string Unit, bool Approximate);

/// <summary>A value in the question's unit, how it was read, and what to read back.</summary>
/// <param name="SaidText">For a conversion that is not a duration ("half"), the customer's words.</param>
public sealed record Quantity(decimal Value, QuantityKind Kind, string? SaidText = null, SaidDuration? Said = null, DateOnly? Since = null)
{
    /// <summary>The value without trailing zeros (50, not 50.00), as it is stored on the case and read back.</summary>
    public decimal Value { get; } = Value / 1.000000000000000000000000000m;

    public bool NeedsReadBack => Kind != QuantityKind.Plain;
}
