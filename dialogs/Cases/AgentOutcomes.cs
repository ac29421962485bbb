namespace RefundBot.Dialogs.Cases;

/// <summary>The decisions an agent can record on a case.</summary>
internal static class AgentOutcomes
{
    /// <summary>A refund of everything paid.</summary>
    public const string Approve = "approve";

    /// <summary>A refund of an amount the agent sets, more than nothing and at most what was paid.</summary>
    public const string Partial = "partial";
    public const string Deny = "deny";
    public const string Alternative = "alternative";

    public static readonly IReadOnlyList<string> All = [Approve, Partial, Deny, Alternative];

    /// <summary>The state a case is in once an agent recorded <paramref name="outcome"/>.</summary>
    public static string StatusOf(string outcome) => outcome switch
    {
        Approve or Partial => CaseStatus.Approved,
        Deny => CaseStatus.Denied,
        _ => CaseStatus.AlternativeOffered,
    };

    /// <summary>Whether the outcome refunds money, so the customer is told an amount and when it comes back.</summary>
    public static bool Refunds(string outcome) => outcome is Approve or Partial;
}
