namespace RefundBot.Dialogs.Cases;

/// <summary>
/// The refund requested for a case: how much, through which connector, under which idempotency key, and where the
/// payment system says it stands. The key is derived from the case and the move that requested it, so every attempt
/// (a retry, a recovery after a crash) asks the payment system for the same refund, which it carries out once.
/// </summary>
public sealed record RefundPayment
{
    public required string Key { get; init; }
    public required string Connector { get; init; }
    public required decimal Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Where the payment system says the refund stands (<see cref="RefundPaymentStatus"/>).</summary>
    public string Status { get; init; } = RefundPaymentStatus.Requested;

    /// <summary>The payment system's id of the refund (Stripe's <c>re_...</c>), once it answered.</summary>
    public string? ProviderRefundId { get; init; }

    /// <summary>The payment system's reason for a failure, as it gave it (a code such as <c>insufficient_funds</c>): for the desk.</summary>
    public string? FailureReason { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>
    /// The failure reason of a refund given up after the outbox's retries: the payment system never answered, so an
    /// attempt may have gone through with its answer lost.
    /// </summary>
    public const string Unconfirmed = "unreachable_after_retries";

    /// <summary>Whether nobody knows if this refund was carried out (<see cref="Unconfirmed"/>): asking again must reuse its key.</summary>
    public bool OutcomeUnknown => Status == RefundPaymentStatus.Failed && FailureReason == Unconfirmed;
}

/// <summary>Where a refund stands at the payment system: Stripe's refund statuses, and "requested" before it answered.</summary>
public static class RefundPaymentStatus
{
    public const string Requested = "requested";
    public const string Pending = "pending";
    public const string RequiresAction = "requires_action";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static readonly IReadOnlyList<string> All = [Requested, Pending, RequiresAction, Succeeded, Failed, Canceled];

    /// <summary>The payment system will not move it again: done, or refused.</summary>
    public static bool IsFinal(string status) => status is Succeeded or Failed or Canceled;
}
