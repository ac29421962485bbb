using System.Text.Json;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;

namespace RefundBot.Bot.Payments;

/// <summary>
/// Carries out the refund records committed with a decision (<see cref="RefundRequests.RecordKind"/>): finds the
/// order's payment in its record, asks the policy's connector for the refund under the record's idempotency key, and
/// tells the case's conversation the answer as a turn (<see cref="PaymentEvents.Result"/>), so that the case's move and
/// the customer's message are one commit. The outbox carries a record out at least once (a retry, a recovery after a
/// crash, whenever the process died: before the call, during it, or before the answer's turn): each attempt sends the
/// same key, so the payment system refunds once, and the result turn changes nothing it already recorded. A transient
/// failure is retried by the outbox with back-off; a refund still failing after them is given up
/// (<see cref="GiveUpAsync"/>): the case moves to refund-failed by a result turn (the customer told, the desk shows it
/// with <see cref="GivenUp"/> as its reason), never left refund-pending in silence. The payment system may still have
/// carried out an attempt whose answer was lost: asking again reuses the same key (<see cref="RefundPayment.OutcomeUnknown"/>).
/// </summary>
internal sealed partial class RefundExecutionHandler(
    IEnumerable<IRefundConnector> connectors, IOrderDirectory orders, IServiceProvider services, IReplyChannels channels, TimeProvider clock,
    ILogger<RefundExecutionHandler> logger) : IOutboxHandler
{
    private readonly Dictionary<string, IRefundConnector> _connectors = connectors.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public string Kind => RefundRequests.RecordKind;

    public string DestinationOf(OutboxRecord record) => "payments";

    public async Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken)
    {
        if (record.Value?.Deserialize<RefundOrder>(ActivityJson.Options) is not { } order)
        {
            return;
        }

        if (!_connectors.TryGetValue(order.Connector, out var connector))
        {
            LogUnknownConnector(logger, order.CaseId, order.Connector);
            throw new InvalidOperationException($"No refund connector named '{order.Connector}' (Payments:Connector).");
        }

        var payment = (await orders.FindAsync(order.PolicyId, order.OrderId, cancellationToken))?.Payment;
        var answer = await connector.RefundAsync(order, payment, cancellationToken);
        var result = new RefundResult(order.CaseId, order.Key, answer.Status, answer.RefundId, answer.FailureReason);
        // Resolved here, not injected: the turn entrance depends on the outbox, which depends on its handlers.
        var turns = services.GetRequiredService<ITurnEntrance>();
        if (!await turns.RunAsync(record.Reference.Event(PaymentEvents.Result, clock.GetUtcNow(), result), channels.For(record.Reference), cancellationToken))
        {
            throw new RefundUnavailableException("The bot is stopping: the refund's answer is told after the restart (same key).");
        }
    }

    /// <summary>The failure reason of a refund given up after the outbox's retries.</summary>
    public const string GivenUp = RefundPayment.Unconfirmed;

    public async Task GiveUpAsync(OutboxRecord record, Exception failure, CancellationToken cancellationToken)
    {
        if (record.Value?.Deserialize<RefundOrder>(ActivityJson.Options) is not { } order)
        {
            return;
        }

        LogGivenUp(logger, order.CaseId, failure.GetType().Name);
        var result = new RefundResult(order.CaseId, order.Key, RefundPaymentStatus.Failed, FailureReason: GivenUp);
        var turns = services.GetRequiredService<ITurnEntrance>();
        if (!await turns.RunAsync(record.Reference.Event(PaymentEvents.Result, clock.GetUtcNow(), result), channels.For(record.Reference), cancellationToken))
        {
            throw new RefundUnavailableException("The bot is stopping: the refund given up could not be recorded as failed.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: the refund was given up after the outbox's retries ({Failure}); the case moves to refund-failed")]
    private static partial void LogGivenUp(ILogger logger, string caseId, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Case {CaseId}: no refund connector named {Connector} is configured")]
    private static partial void LogUnknownConnector(ILogger logger, string caseId, string connector);
}
