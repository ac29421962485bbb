namespace RefundBot.Dialogs.Cases;

/// <summary>The decisions an agent can record on a case.</summary>
internal static class AgentOutcomes
{
    public const string Approve = "approve";
    public const string Deny = "deny";
    public const string Alternative = "alternative";

    public static readonly IReadOnlyList<string> All = [Approve, Deny, Alternative];

    /// <summary>The state a case is in once an agent recorded <paramref name="outcome"/>.</summary>
    public static string StatusOf(string outcome) => outcome switch
    {
        Approve => CaseStatus.Approved,
        Deny => CaseStatus.Denied,
        _ => CaseStatus.AlternativeOffered,
    };
}
