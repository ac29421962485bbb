namespace RefundBot.Dialogs.Payments;

/// <summary>
/// What the outbox record of a refund asks the connector to do (<see cref="RefundRequests.RecordKind"/>): refund
/// <see cref="Amount"/> of the order, under <see cref="Key"/>, the idempotency key every attempt sends.
/// </summary>
public sealed record RefundOrder(string CaseId, string Key, string Connector, string PolicyId, string OrderId, decimal Amount, string Currency);
