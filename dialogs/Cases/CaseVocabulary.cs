using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Cases;

/// <summary>The words a case is described by, for those outside the conversation (the cases API's filters).</summary>
public static class CaseVocabulary
{
    /// <summary>Every <see cref="CaseStatus"/>.</summary>
    public static readonly IReadOnlyList<string> Statuses =
    [
        CaseStatus.Submitted, CaseStatus.TroubleshootingRequired, CaseStatus.WaitingForSupport, CaseStatus.AwaitingVerification,
        CaseStatus.Decided, CaseStatus.HumanReview, CaseStatus.Approved, CaseStatus.Denied, CaseStatus.AlternativeOffered,
        CaseStatus.RefundPending, CaseStatus.Refunded, CaseStatus.Resolved, CaseStatus.Closed, CaseStatus.Withdrawn,
    ];

    /// <summary>The engine's outcomes as a case records them (fullRefund, ...), then a person's (approve, partial, deny, alternative).</summary>
    public static readonly IReadOnlyList<string> Outcomes =
    [
        .. Enum.GetValues<Outcome>().Where(o => o != Outcome.MoreFactsNeeded).Select(OutcomeKeys.Of),
        .. AgentOutcomes.All,
    ];
}
