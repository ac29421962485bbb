namespace RefundBot.Dialogs.Payments;

/// <summary>
/// Where a refund stands, as the payment system (its answer, a webhook) or an agent (a manual refund marked done)
/// reports it, told to the case's conversation as the event <see cref="PaymentEvents.Result"/>.
/// </summary>
/// <param name="Key">The idempotency key of the refund requested: a result for another request of the case is ignored.</param>
/// <param name="EventId">The payment system's event id, when a webhook reported it: an event applied once is not applied again.</param>
public sealed record RefundResult(
    string CaseId,
    string Key,
    string Status,
    string? ProviderRefundId = null,
    string? FailureReason = null,
    string? EventId = null,
    string? AgentId = null,
    string? AgentName = null);

/// <summary>An agent approved on the desk the refund the bot decided: it is requested in the turn that records the approval.</summary>
public sealed record RefundApproval(string CaseId, string AgentId, string AgentName);

/// <summary>An agent carried out a refund themselves (the manual connector, or after a failure) and marked it done on the desk.</summary>
public sealed record RefundDone(string CaseId, string AgentId, string AgentName);

/// <summary>The events that carry payments into a case's conversation, each run as an ordinary turn.</summary>
public static class PaymentEvents
{
    public const string Result = "refundbot.refundResult";
    public const string Approve = "refundbot.refundApprove";
    public const string Done = "refundbot.refundDone";
}
