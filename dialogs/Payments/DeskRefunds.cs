using RefundBot.Dialogs.Cases;

namespace RefundBot.Dialogs.Payments;

/// <summary>What the desk may do with a case's refund: approve it (one action that requests it), or mark it done by hand.</summary>
public static class DeskRefunds
{
    /// <summary>The states whose cases the desk's refund list shows: failed first, then to approve, to carry out, under way.</summary>
    public static readonly IReadOnlyList<string> Listed = [CaseStatus.RefundFailed, CaseStatus.Decided, CaseStatus.Approved, CaseStatus.RefundPending];

    public static bool IsRequested(RefundCase refundCase) => refundCase.Status == CaseStatus.RefundPending;

    public static bool IsRefunded(RefundCase refundCase) => refundCase.Status == CaseStatus.Refunded;

    /// <summary>A case as the desk's refund list shows it; null when it has no refund to act on or follow.</summary>
    public static RefundItem? Item(RefundCase c)
    {
        if (DeskRefunds.Approvable(c) is var (amount, currency) && c.Status == CaseStatus.Decided)
        {
            return new(c.Id, c.PolicyId, c.OrderId, c.Status, amount, currency, null, null, null, "approve", c.RequestInstant);
        }

        var action = c.Status == CaseStatus.RefundFailed ? "retry" : DeskRefunds.ToCarryOut(c) is not null ? "done" : "none";
        return c.Payment is { } payment
            ? new(c.Id, c.PolicyId, c.OrderId, c.Status, payment.Amount, payment.Currency, payment.Connector, payment.Status, payment.FailureReason, action, payment.RequestedAt)
            : DeskRefunds.ToCarryOut(c) is { } toDo
                ? new(c.Id, c.PolicyId, c.OrderId, c.Status, toDo.Amount, toDo.Currency, PaymentConnectors.Manual, null, null, action, toDo.RequestedAt)
                : null;
    }

    /// <summary>
    /// The refund an agent carries out by hand and marks done: an agent's approval with its amount (no payment yet), a
    /// manual refund requested, or a refund that failed. Null for any other case.
    /// </summary>
    public static RefundPayment? ToCarryOut(RefundCase refundCase) => refundCase switch
    {
        { Status: CaseStatus.Approved, Payment: null, AgentDecision: { Amount: > 0 and var amount, Currency: { } currency } decision } =>
            new RefundPayment
            {
                Key = RefundRequests.KeyOf(refundCase.Id, refundCase.History.Count),
                Connector = PaymentConnectors.Manual,
                Amount = amount,
                Currency = currency,
                RequestedAt = decision.At,
            },
        { Status: CaseStatus.RefundPending, Payment: { Connector: PaymentConnectors.Manual } manual } => manual,
        { Status: CaseStatus.RefundFailed, Payment: { } failed } => failed,
        _ => null,
    };

    /// <summary>
    /// The refund an agent may approve with one action: the bot's own decision of a refund (decided, not yet requested),
    /// or a refund that failed, asked again for the same amount. Null for any other case.
    /// </summary>
    public static (decimal Amount, string Currency)? Approvable(RefundCase refundCase) => refundCase switch
    {
        { Status: CaseStatus.Decided, Payment: null, Decision: { Outcome: "fullRefund" or "partialRefund", Breakdown: { Refund: > 0 } refund } } =>
            (refund.Refund, refund.Currency),
        { Status: CaseStatus.RefundFailed, Payment: { } failed } => (failed.Amount, failed.Currency),
        _ => null,
    };
}

/// <summary>A refund on the desk's list: what to do with it (<see cref="Action"/>: approve, done, retry, or none while the payment system works).</summary>
public sealed record RefundItem(
    string CaseId, string? PolicyId, string OrderId, string Status, decimal Amount, string Currency, string? Connector, string? PaymentStatus,
    string? FailureReason, string Action, DateTimeOffset RequestedAt);
