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

/// <summary>The engine's decision with its citations and the policy version it was made under (none for decisions recorded before versions), as the desk shows it.</summary>
public sealed record DecisionView(
    string Outcome, string? RuleId, IReadOnlyList<CitedSection> Sections, RefundBreakdown? Breakdown, DateOnly? LatestRefundDate,
    IReadOnlyList<string> Alternatives, PolicyVersion? PolicyVersion = null);

/// <summary>
/// A fact of the case as the policy names it: its label (else its question) and its value's label, where it comes
/// from, and what the verification form needs: whether the policy wants it checked and only the customer gave it
/// (<see cref="NeedsVerification"/>), its stored value and type, and its choices (for a choice fact).
/// </summary>
public sealed record FactView(
    string Id, string Label, string Value, FactSource Source, bool NeedsVerification = false, string? Raw = null, string? Type = null,
    IReadOnlyList<ChoiceView>? Choices = null);

/// <summary>A choice of a choice fact: its id (the value stored) and its label on the desk.</summary>
public sealed record ChoiceView(string Id, string Label);

/// <summary>A case whose provisional refund waits for the team to check its facts, as the desk's work list shows it.</summary>
public sealed record VerificationItem(
    string CaseId, string? PolicyId, string? Business, string Language, string OrderId, string ReasonCategory, decimal? Refund,
    string? Currency, IReadOnlyList<string> ToVerify, bool Corrected, DateTimeOffset RequestedAt);

/// <summary>
/// What the decision form starts from: the policy's currency, what was paid when the case knows it (the most a partial
/// refund may be), and for each outcome a message to the customer in their language, from the policy's own wording.
/// </summary>
public sealed record DecisionFormView(string Currency, decimal? Paid, string Language, IReadOnlyDictionary<string, AgentMessageDraft> Messages);

public sealed record CaseView(
    string Id, string OrderId, DateOnly PurchaseDate, string Reason, string ReasonCategory, string Status,
    IReadOnlyList<FactView> Facts, DecisionView? Decision, AgentDecision? AgentDecision,
    IReadOnlyList<TroubleshootingAnswer> Troubleshooting, IReadOnlyList<CaseEvent> History, DecisionFormView? Form);

/// <summary>A case the support team has to solve before its deadline, as the desk lists it.</summary>
public sealed record SupportTaskItem(
    string CaseId, string? PolicyId, string? Business, string Language, string Channel, string OrderId, string ReasonCategory,
    int TroubleshootingSteps, DateTimeOffset Deadline);

/// <summary>Everything an agent needs to take a conversation over.</summary>
public sealed record ConversationView(QueueItem Ticket, IReadOnlyList<TranscriptEntry> Transcript, CaseView? Case);

/// <summary>Builds what the desk shows from the queue, the transcripts, the cases and the policies.</summary>
public sealed class AgentDeskViews(HandoffQueue queue, TranscriptLog transcripts, CaseStore cases, PolicyCatalog policies, ClosedHandoffs closedHandoffs)
{
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(CancellationToken cancellationToken) =>
        (await queue.ListAsync(cancellationToken)).Select(Item).ToList();

    /// <summary>At most this many support tasks are listed, the nearest deadline first.</summary>
    public const int MaxSupportTasks = 200;

    public async Task<IReadOnlyList<SupportTaskItem>> SupportTasksAsync(CancellationToken cancellationToken) =>
        (await cases.WaitingForSupportAsync(MaxSupportTasks, cancellationToken))
            .Where(c => c.WaitingUntil is not null)
            .Select(c => new SupportTaskItem(
                c.Id, c.PolicyId, c.PolicyId is null ? null : policies.Find(c.PolicyId)?.Business, c.Language, c.Reference?.ChannelId ?? "",
                c.OrderId, c.ReasonCategory, c.Troubleshooting.Count, c.WaitingUntil!.Value))
            .ToList();

    /// <summary>At most this many cases waiting for verification are listed, the longest waiting first.</summary>
    public const int MaxVerifications = 200;

    /// <summary>The cases waiting for verification, read through the store's index by status (never every case).</summary>
    public async Task<IReadOnlyList<VerificationItem>> VerificationsAsync(CancellationToken cancellationToken) =>
        (await cases.AwaitingVerificationAsync(MaxVerifications, cancellationToken)).Select(Verification).ToList();

    /// <summary>A case of the verification list, with its facts, their sources and which need checking; null when it no longer waits.</summary>
    public async Task<CaseView?> VerificationCaseAsync(string caseId, CancellationToken cancellationToken) =>
        await cases.FindAsync(caseId, cancellationToken) is { AwaitsVerification: true } refundCase ? Case(refundCase, null) : null;

    private VerificationItem Verification(RefundCase refundCase)
    {
        var policy = refundCase.PolicyId is { } policyId ? policies.Find(policyId) : null;
        var toVerify = policy is null ? [] : DeskFacts.Of(refundCase, policy).Where(f => f.NeedsVerification).Select(f => f.Label).ToList();
        return new VerificationItem(refundCase.Id, refundCase.PolicyId, policy?.Business, refundCase.Language, refundCase.OrderId,
            refundCase.ReasonCategory, refundCase.Decision?.Breakdown?.Refund, policy?.Currency, toVerify,
            refundCase.FactSources.Values.Any(s => s.Was is not null), refundCase.RequestInstant);
    }

    public async Task<ConversationView?> ConversationAsync(string conversationKey, CancellationToken cancellationToken) =>
        await queue.FindAsync(conversationKey, cancellationToken) is { } ticket ? await ViewAsync(ticket, cancellationToken) : null;

    /// <summary>A conversation that left the queue, by its closed record's key: its transcript and case as they are now, read only.</summary>
    public async Task<ClosedConversationView?> ClosedConversationAsync(string closedKey, CancellationToken cancellationToken)
    {
        if (await closedHandoffs.FindAsync(closedKey, cancellationToken) is not { } closed)
        {
            return null;
        }

        var view = await ViewAsync(closed.Ticket, cancellationToken);
        return new ClosedConversationView(view with { Ticket = view.Ticket with { Status = Inbox.InboxViews.Closed } }, closed.Ticket.Notes,
            closed.ClosedAt, closed.Kind, closed.ClosedByName);
    }

    private async Task<ConversationView> ViewAsync(HandoffTicket ticket, CancellationToken cancellationToken)
    {
        var conversationKey = ticket.ConversationKey;
        var refundCase = ticket.CaseId is null ? null : await cases.FindAsync(ticket.CaseId, cancellationToken);
        return new ConversationView(Item(ticket), await transcripts.ReadAsync(conversationKey, cancellationToken),
            refundCase is null ? null : Case(refundCase, ticket.PolicyId));
    }

    private QueueItem Item(HandoffTicket ticket) => new(
        ticket.ConversationKey, ticket.Reference.ChannelId ?? "", ticket.Reason, ticket.Language, ticket.PolicyId,
        ticket.PolicyId is null ? null : policies.Find(ticket.PolicyId)?.Business, ticket.CaseId, ticket.Question,
        ticket.RequestedAt, ticket.Status, ticket.AgentId, ticket.AgentName);

    /// <summary>The case under its policy: the one it was decided under, else the conversation's (a case not decided yet).</summary>
    private CaseView Case(RefundCase refundCase, string? conversationPolicyId)
    {
        var policy = (refundCase.PolicyId ?? conversationPolicyId) is { } policyId ? policies.Find(policyId) : null;
        var decision = refundCase.Decision is not { } d ? null : new DecisionView(
            d.Outcome, d.RuleId, d.Sections.Select(id => new CitedSection(id, Heading(policy, id))).ToList(), d.Breakdown, d.LatestRefundDate, d.Alternatives, d.PolicyVersion);
        return new CaseView(refundCase.Id, refundCase.OrderId, refundCase.PurchaseDate, refundCase.Reason, refundCase.ReasonCategory,
            refundCase.Status, DeskFacts.Of(refundCase, policy), decision, refundCase.AgentDecision, refundCase.Troubleshooting,
            refundCase.History, policy is null ? null : Form(refundCase, policy));
    }

    private static DecisionFormView Form(RefundCase refundCase, Policy policy) =>
        new(policy.Currency, CasePayment.Paid(refundCase, policy), refundCase.Language, AgentDecisionDrafts.For(policy, refundCase));

    private static string Heading(Policy? policy, string sectionId) =>
        policy?.Texts[policy.SourceLanguage].Section(sectionId)?.Heading ?? sectionId;
}
