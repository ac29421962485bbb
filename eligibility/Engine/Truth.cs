namespace RefundBot.Eligibility.Engine;

/// <summary>Three-valued: a condition holds, does not hold, or cannot be told until the missing facts are known.</summary>
public readonly record struct Truth(bool? Value, IReadOnlyList<string> Missing)
{
    public static readonly Truth True = new(true, []);
    public static readonly Truth False = new(false, []);

    public static Truth Unknown(IEnumerable<string> missing) => new(null, missing.Distinct().ToList());

    public bool IsTrue => Value == true;
    public bool IsFalse => Value == false;
    public bool IsUnknown => Value is null;

    public static Truth Of(bool value) => value ? True : False;

    public Truth Negate() => IsUnknown ? this : Of(!Value!.Value);
}
