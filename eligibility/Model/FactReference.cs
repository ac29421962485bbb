namespace RefundBot.Eligibility.Model;

/// <summary>
/// A fact named by its id in a list (<c>verify: [amount_paid, purchase_date]</c>), with the line it was written on, so
/// that an unknown id is reported where it is.
/// </summary>
public sealed class FactReference : Located
{
    public string Id { get; set; } = "";

    public override string ToString() => Id;
}
