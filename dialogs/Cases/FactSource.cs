namespace RefundBot.Dialogs.Cases;

/// <summary>
/// Where a fact on a case comes from: the business's order record, the customer (typed, chosen, or read from their
/// words and confirmed by them), or an agent who checked it (<see cref="By"/>, <see cref="ByName"/>). A refund that
/// rests on a fact only the customer stated is provisional until the record or an agent confirms it
/// (<see cref="RefundCase.Unverified"/>). <see cref="Was"/>: the value the customer gave, when the agent changed it.
/// <see cref="Bound"/>: the customer gave a side of the figure, not the figure ("at least 3 days": <c>atLeast</c> 72
/// hours; also <c>moreThan</c>, <c>atMost</c>, <c>lessThan</c>), confirmed as settling the policy's tests on it.
/// </summary>
public sealed record FactSource(string Source, DateTimeOffset At, string? By = null, string? ByName = null, string? Was = null, string? Bound = null)
{
    public const string OrderRecord = "order-record";
    public const string Customer = "customer";
    public const string Agent = "agent";

    /// <summary>The business confirms the value: its order record gave it, or one of its agents checked it.</summary>
    public bool Confirmed => Source is OrderRecord or Agent;
}
