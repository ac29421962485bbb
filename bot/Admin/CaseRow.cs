using RefundBot.Dialogs.Cases;

namespace RefundBot.Bot.Admin;

/// <summary>
/// A recorded case as the business console shows it: one line of the cases page and of the CSV export. The outcome is
/// the one that stands: an agent's decision over the bot's; <see cref="DecidedBy"/> says whose it is.
/// </summary>
public sealed record CaseRow(
    string Id,
    DateTimeOffset CreatedAt,
    string? PolicyId,
    string Status,
    string Outcome,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string Language,
    string Channel,
    string OrderId,
    string ReasonCategory,
    decimal? RefundAmount,
    string? Currency,
    string? EscalationReason,
    int? Rating,
    string? Comment)
{
    /// <summary>When the customer asked (the request instant): times to a decision count from it.</summary>
    public DateTimeOffset RequestedAt { get; init; } = CreatedAt;

    /// <summary>When the case first went to a person, and when an agent first joined its conversation.</summary>
    public DateTimeOffset? EscalatedAt { get; init; }

    public DateTimeOffset? AgentJoinedAt { get; init; }

    /// <summary>A person had a part in the case: it went to the desk, an agent joined, decided, checked a fact or closed it.</summary>
    public bool PersonInvolved { get; init; }

    /// <summary>The bot asked the customer to rate the conversation.</summary>
    public bool SatisfactionAsked { get; init; }

    public const string Bot = "bot";
    public const string Agent = "agent";

    /// <summary>The outcome of a case nobody has decided yet (still gathering facts, troubleshooting, waiting for support).</summary>
    public const string Pending = "pending";

    /// <param name="currencyOf">The policy's currency, for a case whose decision names none.</param>
    public static CaseRow From(RefundCase c, Func<string?, string?> currencyOf) => new(
        c.Id, c.CreatedAt, c.PolicyId, c.Status, OutcomeOf(c), DecidedByOf(c), DecidedAtOf(c), c.Language, ChannelOf(c.ConversationKey), c.OrderId,
        c.ReasonCategory, RefundOf(c), c.AgentDecision?.Currency ?? c.Decision?.Breakdown?.Currency ?? currencyOf(c.PolicyId),
        c.EscalationReason ?? EscalationInHistory(c), c.Satisfaction?.Rating, c.Satisfaction?.Comment)
    {
        RequestedAt = c.RequestInstant,
        EscalatedAt = c.EscalatedAt ?? c.History.FirstOrDefault(e => e.To == "human-review" || e.Why.StartsWith("customer asked for a person: ", StringComparison.Ordinal))?.At,
        AgentJoinedAt = c.AgentJoinedAt,
        PersonInvolved = c.EscalatedAt is not null || c.AgentJoinedAt is not null || c.AgentDecision is not null || c.History.Any(e => e.By.IsAgent)
            || EscalationInHistory(c) is not null,
        SatisfactionAsked = c.SatisfactionAsked,
    };

    /// <summary>The channel of "{channelId}/conversations/{id}".</summary>
    public static string ChannelOf(string conversationKey) =>
        conversationKey.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash ? conversationKey[..slash] : conversationKey;

    private static string OutcomeOf(RefundCase c) => c switch
    {
        { AgentDecision: { } agent } => agent.Outcome switch
        {
            "approve" => "fullRefund",
            "partial" => "partialRefund",
            "deny" => "denied",
            _ => "alternativeOffered",
        },
        { Status: "withdrawn" or "closed" } => c.Status,
        { Decision: { } decision } => decision.Outcome,
        _ => Pending,
    };

    private static string? DecidedByOf(RefundCase c) =>
        c.AgentDecision is not null ? Agent : c.Decision is { Outcome: not ("humanReview" or "troubleshootingRequired") } ? Bot : null;

    /// <summary>When the outcome that stands was given: the agent's decision, else the bot's first move to a decided state.</summary>
    private static DateTimeOffset? DecidedAtOf(RefundCase c) =>
        c.AgentDecision?.At ?? (DecidedByOf(c) == Bot
            ? c.History.FirstOrDefault(e => e.By.Kind == CaseActor.BotKind && e.To is "decided" or "resolved" or "awaiting-verification")?.At
            : null);

    /// <summary>The refund decided: the agent's amount, else the bot's full or partial refund (null when no money is to come back).</summary>
    private static decimal? RefundOf(RefundCase c) => c switch
    {
        { AgentDecision: { } agent } => agent.Outcome is "approve" or "partial" ? agent.Amount : null,
        { Decision: { Outcome: "fullRefund" or "partialRefund", Breakdown.Refund: > 0 and var refund } } => refund,
        _ => null,
    };

    /// <summary>Cases recorded before escalations were kept apart: their history says so.</summary>
    private static string? EscalationInHistory(RefundCase c)
    {
        const string asked = "customer asked for a person: ";
        return c.History.FirstOrDefault(e => e.Why.StartsWith(asked, StringComparison.Ordinal))?.Why[asked.Length..]
            ?? (c.History.Any(e => e.To == "human-review") ? "human-review" : null);
    }
}
