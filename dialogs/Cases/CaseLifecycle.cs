using static RefundBot.Dialogs.Cases.CaseStatus;

namespace RefundBot.Dialogs.Cases;

/// <summary>
/// The moves a refund case may make, and who may make them: pure data, so that the bot, the agent desk and the
/// payment side agree on one lifecycle and a property test can walk all of it.
/// <list type="bullet">
/// <item>A final state (resolved, refunded, closed, withdrawn) has no way out.</item>
/// <item>Only an agent records an agent's decision (approved, denied, alternative offered), and once recorded only an
/// agent changes it, or the refund it approved moves on (pending, refunded). The bot never replaces it.</item>
/// <item>A refund decided on facts only the customer gave waits for verification: from there only an agent or the
/// system confirms it (decided), an agent decides otherwise, the customer withdraws; the bot moves it nowhere, so no
/// money moves on the customer's word alone.</item>
/// <item>A refund requested (pending) is carried out (refunded) or refused by the payment system (failed); a failed
/// refund is requested again or marked done only by an agent, or closed by one.</item>
/// <item>Asking for a person does not move a case: the hand-off ticket carries the case in whatever state it is
/// (<see cref="RefundCase.Note"/> records the request in its history).</item>
/// </list>
/// </summary>
internal static class CaseLifecycle
{
    public static readonly IReadOnlyList<string> All =
    [
        Submitted, TroubleshootingRequired, WaitingForSupport, Decided, AwaitingVerification, Resolved, HumanReview,
        Approved, Denied, AlternativeOffered, RefundPending, Refunded, RefundFailed, Closed, Withdrawn,
    ];

    private static readonly HashSet<string> Final = [Resolved, Refunded, Closed, Withdrawn];

    private static readonly HashSet<string> AgentDecided = [Approved, Denied, AlternativeOffered];

    /// <summary>The states the bot moves a case through while it gathers facts and decides.</summary>
    private static readonly HashSet<string> BotWork = [Submitted, TroubleshootingRequired, WaitingForSupport, HumanReview];

    private static readonly Dictionary<string, string[]> Moves = new()
    {
        [Submitted] = [TroubleshootingRequired, WaitingForSupport, Decided, AwaitingVerification, Resolved, HumanReview, Approved, Denied, AlternativeOffered, Closed, Withdrawn],
        [TroubleshootingRequired] = [TroubleshootingRequired, WaitingForSupport, Decided, AwaitingVerification, Resolved, HumanReview, Approved, Denied, AlternativeOffered, Closed, Withdrawn],
        [WaitingForSupport] = [WaitingForSupport, TroubleshootingRequired, Decided, AwaitingVerification, Resolved, HumanReview, Approved, Denied, AlternativeOffered, Closed, Withdrawn],
        [HumanReview] = [Approved, Denied, AlternativeOffered, Closed, Withdrawn],
        [AwaitingVerification] = [Decided, Approved, Denied, AlternativeOffered, Closed, Withdrawn],
        [Decided] = [Approved, Denied, AlternativeOffered, RefundPending, Refunded, Withdrawn],
        [Approved] = [Approved, Denied, AlternativeOffered, RefundPending, Refunded],
        [Denied] = [Approved, Denied, AlternativeOffered],
        [AlternativeOffered] = [Approved, Denied, AlternativeOffered],
        [RefundPending] = [Refunded, RefundFailed, HumanReview],
        [RefundFailed] = [RefundPending, Refunded, Closed],
        [Resolved] = [],
        [Refunded] = [],
        [Closed] = [],
        [Withdrawn] = [],
    };

    public static bool IsFinal(string status) => Final.Contains(status);

    /// <summary>An agent decided the case: the bot may not change it.</summary>
    public static bool IsAgentDecided(string status) => AgentDecided.Contains(status);

    /// <summary>Still being handled: not final. A new request for the same order carries on from an open case.</summary>
    public static bool IsOpen(string status) => !IsFinal(status);

    /// <summary>Whether <paramref name="by"/> may move a case from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool Allows(string from, string to, CaseActor by) =>
        Moves.TryGetValue(from, out var targets) && targets.Contains(to) && MayMake(from, to, by);

    private static bool MayMake(string from, string to, CaseActor by) => to switch
    {
        _ when AgentDecided.Contains(to) => by.IsAgent,
        Withdrawn => by.Kind == CaseActor.CustomerKind,
        Closed => by.IsAgent,
        RefundPending or Refunded => by.IsAgent || by.Kind == CaseActor.SystemKind || (from == Decided && by.Kind == CaseActor.BotKind),
        RefundFailed => by.Kind == CaseActor.SystemKind,
        HumanReview when from == RefundPending => by.Kind == CaseActor.SystemKind,
        Decided when from == AwaitingVerification => by.IsAgent || by.Kind == CaseActor.SystemKind,
        _ => !AgentDecided.Contains(from) && BotWork.Contains(from) && !by.IsAgent,
    };
}
