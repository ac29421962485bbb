using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.Cases;

/// <summary>
/// A case as the business's systems read it (<c>GET /api/cases/{id}</c>): what the customer asked, the facts and their
/// sources, the engine's decision with the policy version it was made under, a person's decision (without the internal
/// note), and the case's history. The conversation is named so it can be erased (<c>DELETE /api/privacy/...</c>); the
/// customer's e-mail address is not given.
/// </summary>
public sealed record CaseResource(
    string Id,
    string PolicyId,
    string Status,
    string? Outcome,
    string OrderId,
    DateOnly PurchaseDate,
    string Reason,
    string ReasonCategory,
    string Language,
    DateTimeOffset RequestedAt,
    DateTimeOffset CreatedAt,
    CaseConversation? Conversation,
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyDictionary<string, FactSource> FactSources,
    CaseDecision? Decision,
    ReceiptAgentDecision? AgentDecision,
    IReadOnlyList<CaseEvent> History)
{
    public static CaseResource From(RefundCase c) => new(
        c.Id, c.PolicyId!, c.Status, StandingOutcome(c), c.OrderId, c.PurchaseDate, c.Reason, c.ReasonCategory, c.Language,
        c.RequestInstant, c.CreatedAt, CaseConversation.Of(c.ConversationKey),
        c.Facts, c.Facts.Keys.ToDictionary(id => id, c.SourceOf, StringComparer.Ordinal),
        c.Decision,
        c.AgentDecision is { } agent ? new ReceiptAgentDecision(agent.Outcome, agent.Amount, agent.Currency, agent.AgentName, agent.At) : null,
        c.History);

    /// <summary>What stands: a person's decision (approve, partial, deny, alternative) over the engine's (fullRefund, partialRefund, ...).</summary>
    public static string? StandingOutcome(RefundCase c) => c.AgentDecision?.Outcome ?? c.Decision?.Outcome;
}

/// <summary>A case in a list: enough to pick it and to sum what was refunded.</summary>
public sealed record CaseSummary(
    string Id, string PolicyId, string Status, string? Outcome, string OrderId, DateTimeOffset RequestedAt,
    decimal? Refund, string? Currency, string? PolicyVersion)
{
    public static CaseSummary From(RefundCase c, Policy? policy) => new(
        c.Id, c.PolicyId!, c.Status, CaseResource.StandingOutcome(c), c.OrderId, c.RequestInstant,
        c.AgentDecision is { } agent ? agent.Amount : c.Decision?.Breakdown?.Refund,
        c.AgentDecision?.Currency ?? c.Decision?.Breakdown?.Currency ?? policy?.Currency,
        c.Decision?.PolicyVersion?.Hash);
}

/// <summary>The channel and conversation a case was recorded from ("{channel}/conversations/{id}").</summary>
public sealed record CaseConversation(string ChannelId, string ConversationId)
{
    public static CaseConversation? Of(string conversationKey) =>
        conversationKey.Split('/', 3) is [var channel, "conversations", var id] ? new CaseConversation(channel, id) : null;
}

/// <summary>A page of cases and the continuation to send for the next one (absent: this is the last page).</summary>
public sealed record CaseList(IReadOnlyList<CaseSummary> Items, string? Continuation);
