namespace RefundBot.Dialogs.Cases;

/// <summary>
/// The states of a refund case. <see cref="CaseLifecycle"/> says which moves between them are allowed and who may make
/// them; the case's <see cref="RefundCase.History"/> records every move made.
/// </summary>
internal static class CaseStatus
{
    /// <summary>The customer confirmed the summary; the bot is gathering what the policy still needs.</summary>
    public const string Submitted = "submitted";

    /// <summary>The policy requires troubleshooting first; the bot walks the customer through it.</summary>
    public const string TroubleshootingRequired = "troubleshooting-required";

    /// <summary>Support has a window to solve the problem (<see cref="RefundCase.WaitingUntil"/>); the bot comes back then.</summary>
    public const string WaitingForSupport = "waiting-for-support";

    /// <summary>The engine decided (eligible, partial, not eligible, alternative): the bot's decision.</summary>
    public const string Decided = "decided";

    /// <summary>
    /// The engine decided a refund on facts only the customer gave (the policy's <c>verify</c> list): the decision is
    /// provisional until an agent checks them (<see cref="RefundCase.WithFactVerified"/>); no money moves before.
    /// </summary>
    public const string AwaitingVerification = "awaiting-verification";

    /// <summary>The problem was solved: no refund is needed.</summary>
    public const string Resolved = "resolved";

    /// <summary>The case waits for a person's decision (the policy says so, or the customer asked for one).</summary>
    public const string HumanReview = "human-review";

    /// <summary>An agent's decisions: they stand over the bot's, and only an agent changes them.</summary>
    public const string Approved = "approved";
    public const string Denied = "denied";
    public const string AlternativeOffered = "alternative-offered";

    /// <summary>The money is on its way: a refund was requested from the payment system.</summary>
    public const string RefundPending = "refund-pending";

    /// <summary>The refund was carried out.</summary>
    public const string Refunded = "refunded";

    /// <summary>The payment system refused or cancelled the refund: a person looks at it, and may request it again.</summary>
    public const string RefundFailed = "refund-failed";

    /// <summary>An agent closed the conversation without deciding.</summary>
    public const string Closed = "closed";

    /// <summary>The customer withdrew the request.</summary>
    public const string Withdrawn = "withdrawn";
}
