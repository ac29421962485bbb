using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Refund;

namespace RefundBot.Bot.Payments;

/// <summary>
/// A payment system that carries refunds out, named by <see cref="PaymentOptions.Connector"/> (per policy). Called at
/// least once per refund, always with the refund's idempotency key (<see cref="RefundOrder.Key"/>): the payment system
/// must refund once however often it is asked.
/// </summary>
public interface IRefundConnector
{
    string Name { get; }

    /// <summary>
    /// Asks for the refund; returns where it stands. Throws <see cref="RefundUnavailableException"/> when the payment
    /// system could not be reached or answered with a transient error: the outbox asks again, with the same key.
    /// </summary>
    /// <param name="payment">The order's payment as its record names it; null when the record does not say.</param>
    Task<ConnectorAnswer> RefundAsync(RefundOrder order, OrderPayment? payment, CancellationToken cancellationToken);
}

/// <summary>Where the payment system says the refund stands (<see cref="RefundBot.Dialogs.Cases.RefundPaymentStatus"/>), its id for it, and a failure's reason.</summary>
public sealed record ConnectorAnswer(string Status, string? RefundId = null, string? FailureReason = null);

/// <summary>The payment system could not be reached, or answered with a transient error: try again later with the same key.</summary>
public sealed class RefundUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
