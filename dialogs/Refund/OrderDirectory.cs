namespace RefundBot.Dialogs.Refund;

/// <summary>What a business's records say about an order: when it was bought, and the policy facts it settles.</summary>
public sealed record OrderRecord(
    string OrderId,
    string PolicyId,
    DateOnly PurchaseDate,
    TimeOnly? PurchaseTime,
    IReadOnlyDictionary<string, string> Facts)
{
    /// <summary>How the order was paid, where a payment connector refunds it (null: the record does not say).</summary>
    public OrderPayment? Payment { get; init; }
}

/// <summary>
/// The payment an order record names: Stripe's PaymentIntent (<c>pi_...</c>) or charge (<c>ch_...</c>), and the method
/// in the business's words ("card"), for the desk. Never logged.
/// </summary>
public sealed record OrderPayment(string? PaymentIntent = null, string? Charge = null, string? Method = null);

/// <summary>
/// Looks orders up so the bot does not ask what the business already knows. Implementations never throw for an
/// unknown order or an unreachable service: they return null and the bot asks the customer instead.
/// </summary>
public interface IOrderDirectory
{
    Task<OrderRecord?> FindAsync(string policyId, string orderId, CancellationToken cancellationToken);
}

/// <summary>No order records: every fact is asked.</summary>
public sealed class NoOrderDirectory : IOrderDirectory
{
    public Task<OrderRecord?> FindAsync(string policyId, string orderId, CancellationToken cancellationToken) =>
        Task.FromResult<OrderRecord?>(null);
}
