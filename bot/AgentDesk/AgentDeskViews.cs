using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime.Transcripts;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.AgentDesk;

/// <summary>A conversation as the queue lists it.</summary>
public sealed record QueueItem(
    string ConversationKey, string Channel, string Reason, string Language, string? PolicyId, string? Business, string? CaseId,
    string? Question, DateTimeOffset RequestedAt, string Status, string? AgentId, string? AgentName);

/// <summary>A cited policy section: its id and its heading in the policy's own language.</summary>
public sealed record CitedSection(string Id, string Heading);

/// <summary>The engine's decision with its citations, as the desk shows it.</summary>
public sealed record DecisionView(
    string Outcome, string? RuleId, IReadOnlyList<CitedSection> Sections, RefundBreakdown? Breakdown, DateOnly? LatestRefundDate,
    IReadOnlyList<string> Alternatives);

public sealed record CaseView(
    string Id, string OrderId, DateOnly PurchaseDate, string Reason, string ReasonCategory, string Status,
    IReadOnlyDictionary<string, string> Facts, DecisionView? Decision, AgentDecision? AgentDecision,
    IReadOnlyList<TroubleshootingAnswer> Troubleshooting, IReadOnlyDictionary<string, FactSource>? FactSources = null);

/// <summary>Everything an agent needs to take a conversation over.</summary>
public sealed record ConversationView(QueueItem Ticket, IReadOnlyList<TranscriptEntry> Transcript, CaseView? Case);

/// <summary>Builds what the desk shows from the queue, the transcripts, the cases and the policies.</summary>
public sealed class AgentDeskViews(HandoffQueue queue, TranscriptLog transcripts, CaseStore cases, PolicyCatalog policies)
{
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(CancellationToken cancellationToken) =>
        (await queue.ListAsync(cancellationToken)).Select(Item).ToList();

    public async Task<ConversationView?> ConversationAsync(string conversationKey, CancellationToken cancellationToken)
    {
        if (await queue.FindAsync(conversationKey, cancellationToken) is not { } ticket)
        {
            return null;
        }

        var refundCase = ticket.CaseId is null ? null : await cases.FindAsync(ticket.CaseId, cancellationToken);
        return new ConversationView(Item(ticket), await transcripts.ReadAsync(conversationKey, cancellationToken),
            refundCase is null ? null : Case(refundCase));
    }

    private QueueItem Item(HandoffTicket ticket) => new(
        ticket.ConversationKey, ticket.Reference.ChannelId ?? "", ticket.Reason, ticket.Language, ticket.PolicyId,
        ticket.PolicyId is null ? null : policies.Find(ticket.PolicyId)?.Business, ticket.CaseId, ticket.Question,
        ticket.RequestedAt, ticket.Status, ticket.AgentId, ticket.AgentName);

    private CaseView Case(RefundCase refundCase)
    {
        var policy = refundCase.PolicyId is null ? null : policies.Find(refundCase.PolicyId);
        var decision = refundCase.Decision is not { } d ? null : new DecisionView(
            d.Outcome, d.RuleId, d.Sections.Select(id => new CitedSection(id, Heading(policy, id))).ToList(), d.Breakdown, d.LatestRefundDate, d.Alternatives);
        return new CaseView(refundCase.Id, refundCase.OrderId, refundCase.PurchaseDate, refundCase.Reason, refundCase.ReasonCategory,
            refundCase.Status, refundCase.Facts, decision, refundCase.AgentDecision, refundCase.Troubleshooting,
            refundCase.Facts.Keys.ToDictionary(id => id, refundCase.SourceOf));
    }

    private static string Heading(Policy? policy, string sectionId) =>
        policy?.Texts[policy.SourceLanguage].Section(sectionId)?.Heading ?? sectionId;
}
