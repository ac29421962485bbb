using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Cases;

/// <summary>A refund request the customer confirmed: what they told us, where to find them again, and its status.</summary>
public sealed record RefundCase
{
    public required string Id { get; init; }
    public required string ConversationKey { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Language { get; init; }
    public required string OrderId { get; init; }
    public required DateOnly PurchaseDate { get; init; }
    public required string Reason { get; init; }
    public required string ReasonCategory { get; init; }
    public ConversationReference? Reference { get; init; }
    public string Status { get; init; } = CaseStatus.Submitted;

    /// <summary>The policy the case was decided under, the facts given, and the engine's decision.</summary>
    public string? PolicyId { get; init; }
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();
    public CaseDecision? Decision { get; init; }

    /// <summary>
    /// Where each of <see cref="Facts"/> comes from, by fact id; a fact not listed (every fact of a case recorded before
    /// sources were kept) is the customer's (<see cref="SourceOf"/>).
    /// </summary>
    public IReadOnlyDictionary<string, FactSource> FactSources { get; init; } = new Dictionary<string, FactSource>();

    /// <summary>Each troubleshooting step tried and what the customer answered.</summary>
    public IReadOnlyList<TroubleshootingAnswer> Troubleshooting { get; init; } = [];

    /// <summary>While support has time to resolve the problem: when the bot comes back to the customer.</summary>
    public DateTimeOffset? WaitingUntil { get; init; }

    public bool FollowUpSent { get; init; }

    /// <summary>
    /// When the follow-up falls due, while it is still to be sent (else null): stored with the case so that the store's
    /// <see cref="DocumentIndexes.FollowUpsByDueTime"/> holds only the follow-ups pending.
    /// </summary>
    public DateTimeOffset? FollowUpDueAt => this switch
    {
        { Status: CaseStatus.WaitingForSupport, FollowUpSent: false, WaitingUntil: { } until, Reference: not null } => until,
        { AwaitedDocument: { } awaited, Reference: not null, Status: CaseStatus.Submitted or CaseStatus.TroubleshootingRequired or CaseStatus.WaitingForSupport } => awaited.ClosesAt,
        _ => null,
    };

    /// <summary>
    /// While the customer said they send a document the policy asks for later: which fact, and when the policy's window
    /// for it closes. The bot comes back at that instant (<see cref="FollowUpDueAt"/>) unless the file came first.
    /// </summary>
    public AwaitedDocument? AwaitedDocument { get; init; }

    /// <summary>The refund requested from the payment system, once it was (<see cref="CaseStatus.RefundPending"/>), and where it stands.</summary>
    public RefundPayment? Payment { get; init; }

    /// <summary>What a person decided on the agent desk, with their message and internal note; it stands over the engine's decision.</summary>
    public AgentDecision? AgentDecision { get; init; }

    /// <summary>
    /// When the customer asked: the server's time of the first message of this request. The policy's windows are
    /// judged at this instant, so a wait the policy itself imposes (troubleshooting, support's time) never costs the
    /// customer a window. Set once, when the case is recorded; cases recorded before it existed use <see cref="CreatedAt"/>.
    /// </summary>
    public DateTimeOffset? RequestedAt { get; init; }

    [JsonIgnore]
    public DateTimeOffset RequestInstant => RequestedAt ?? CreatedAt;

    /// <summary>
    /// The case's place in its business's list of cases (<see cref="CaseListing"/>: policy, request instant, id), stored
    /// with the case so that the store's <see cref="DocumentIndexes.CasesByPolicyAndRequest"/> pages through it in order.
    /// </summary>
    public string? ListingKey => PolicyId is null ? null : CaseListing.Key(PolicyId, RequestInstant, Id);

    /// <summary>
    /// Where the customer asked to be told of what happens later (a follow-up, an agent's decision, the refund done):
    /// personal data, erased with the case ("forget me"), never logged in clear (<see cref="Redact.Email"/>).
    /// </summary>
    public string? ContactEmail { get; init; }

    /// <summary>The bot asked this case's customer for an e-mail address (or said messages come in the chat): it asks once per case.</summary>
    public bool ContactAsked { get; init; }

    /// <summary>When the case first went to a person (the policy's human review or the customer's request), and why.</summary>
    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>The hand-off reason of <see cref="EscalatedAt"/> (e.g. "human-review", "customer-request").</summary>
    public string? EscalationReason { get; init; }

    /// <summary>When an agent first joined the conversation of this case on the desk.</summary>
    public DateTimeOffset? AgentJoinedAt { get; init; }

    /// <summary>The bot asked this case's customer to rate the conversation: it asks once per case.</summary>
    public bool SatisfactionAsked { get; init; }

    /// <summary>The customer's rating (and optional comment), when they gave one.</summary>
    public CaseSatisfaction? Satisfaction { get; init; }

    /// <summary>
    /// The case first went to a person now, for <paramref name="reason"/>: recorded once (a later escalation of the same
    /// case keeps the first instant, so the time to an agent counts from when the customer first waited for one).
    /// </summary>
    public RefundCase Escalated(string reason, DateTimeOffset at) =>
        EscalatedAt is null ? this with { EscalatedAt = at, EscalationReason = reason } : this;

    /// <summary>The bot decided a refund on facts only the customer gave; the team is to check them (<see cref="CaseStatus.AwaitingVerification"/>).</summary>
    [JsonIgnore]
    public bool AwaitsVerification => Status == CaseStatus.AwaitingVerification;

    /// <summary>Every move of the case, oldest first: its audit trail (<see cref="CaseLifecycle"/> says which moves are allowed).</summary>
    public IReadOnlyList<CaseEvent> History { get; init; } = [];

    /// <summary>
    /// The case moved to <paramref name="to"/> by <paramref name="by"/>, with the move in its history; null when the
    /// lifecycle does not allow it (out of a final state, or the bot over an agent's decision): the case stays as it is.
    /// </summary>
    public RefundCase? TryMove(string to, CaseActor by, DateTimeOffset at, string why) =>
        CaseLifecycle.Allows(Status, to, by)
            ? this with { Status = to, History = [.. History, new CaseEvent(at, by, Status, to, why)] }
            : null;

    /// <summary>Something that happened to the case without moving it (the customer asked for a person, a fact was verified).</summary>
    public RefundCase Note(CaseActor by, DateTimeOffset at, string why) =>
        this with { History = [.. History, new CaseEvent(at, by, Status, Status, why)] };

    /// <summary>
    /// The customer proved the case (its id with its order id) from another conversation, where they now are (the first
    /// tab was closed): the case continues there, so its follow-up, the desk's messages and its notifications reach that
    /// conversation. Recorded in the history as a note by the customer; the state does not move.
    /// </summary>
    public RefundCase MovedTo(string conversationKey, ConversationReference? reference, DateTimeOffset at) =>
        (this with { ConversationKey = conversationKey, Reference = reference ?? Reference })
            .Note(CaseActor.Customer, at, "case id and order id proven from another conversation: the case continues there");

    /// <summary>Where a fact comes from: as recorded, else the customer (they gave every fact nothing else confirmed).</summary>
    public FactSource SourceOf(string factId) =>
        FactSources.GetValueOrDefault(factId) ?? new FactSource(FactSource.Customer, RequestInstant);

    /// <summary>
    /// The facts of the case that <paramref name="policy"/> wants verified (<see cref="Policy.Verify"/>) and that only the
    /// customer gave, in id order: while there are any, a refund the bot decided is provisional.
    /// </summary>
    public IReadOnlyList<string> Unverified(Policy policy) =>
        Facts.Keys.Where(policy.NeedsVerification).Where(id => !SourceOf(id).Confirmed).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// An agent checked a fact against the business's records: it is marked verified by them, with the value they found
    /// (the customer's is kept as <see cref="FactSource.Was"/> when it differs), and the check noted in the history.
    /// Null when the actor is not an agent, the case is final or has no such fact.
    /// </summary>
    public RefundCase? WithFactVerified(string factId, CaseActor agent, DateTimeOffset at, string? value = null)
    {
        if (!agent.IsAgent || CaseLifecycle.IsFinal(Status) || !Facts.TryGetValue(factId, out var given))
        {
            return null;
        }

        var found = value ?? given;
        var facts = new Dictionary<string, string>(Facts) { [factId] = found };
        var sources = new Dictionary<string, FactSource>(FactSources)
        {
            [factId] = new(FactSource.Agent, at, agent.Id, agent.Name, found == given ? SourceOf(factId).Was : given),
        };
        return (this with { Facts = facts, FactSources = sources }).Note(agent, at, found == given ? $"fact verified: {factId}" : $"fact corrected: {factId}");
    }

    /// <summary>
    /// A provisional decision confirmed: every fact it rests on is verified and none was found different, so the bot's
    /// decision stands (<see cref="CaseStatus.Decided"/>). Null while a fact is unverified, when an agent corrected one
    /// (the decision rested on a wrong value: an agent decides instead), or when the case does not wait for verification.
    /// </summary>
    public RefundCase? ConfirmVerified(Policy policy, CaseActor by, DateTimeOffset at) =>
        Status == CaseStatus.AwaitingVerification && Unverified(policy).Count == 0 && FactSources.Values.All(s => s.Was is null)
            ? TryMove(CaseStatus.Decided, by, at, "facts verified: the decision stands")
            : null;

    /// <summary>The agent's decision on the case; null when the lifecycle refuses it (the case is final).</summary>
    public RefundCase? WithAgentDecision(AgentDecision decision) =>
        TryMove(AgentOutcomes.StatusOf(decision.Outcome), CaseActor.Agent(decision.AgentId, decision.AgentName), decision.At, $"agent decision: {decision.Outcome}")
            is { } moved
            ? moved with { AgentDecision = decision }
            : null;

    /// <summary>The engine's decision on the facts given; null when the lifecycle refuses it (an agent decided, or the case is final).</summary>
    /// <remarks><paramref name="provisional"/>: a refund resting on facts only the customer gave; the case waits for their verification.</remarks>
    /// <remarks>
    /// <paramref name="version"/>: the version of the policy the engine decided under, recorded with the decision, the
    /// facts and both instants (the request's, the decision's) so that its receipt can run the same decision again.
    /// </remarks>
    public RefundCase? WithDecision(
        string policyId, IReadOnlyDictionary<string, string> facts, Decision decision, DateTimeOffset at, bool provisional = false, PolicyVersion? version = null)
    {
        var to = decision.Outcome switch
        {
            Outcome.HumanReview => CaseStatus.HumanReview,
            Outcome.TroubleshootingRequired => CaseStatus.TroubleshootingRequired,
            Outcome.Resolved => CaseStatus.Resolved,
            _ when provisional => CaseStatus.AwaitingVerification,
            _ => CaseStatus.Decided,
        };
        return TryMove(to, CaseActor.Bot, at, $"engine: {OutcomeKeys.Of(decision.Outcome)}{(decision.RuleId is { } rule ? $" (rule {rule})" : "")}") is { } moved
            ? moved with { PolicyId = policyId, Facts = facts, Decision = CaseDecision.From(decision, version, facts, new DecisionInstants(RequestInstant, at)) }
            : null;
    }

    /// <summary>
    /// A case id derived from the conversation and the activity that confirmed it, so that a turn retried after a
    /// storage conflict records the same case again instead of a second one. Crockford base32, e.g. "RB-7K2M9Q4D".
    /// </summary>
    public static string NewId(string conversationKey, string? activityId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{conversationKey}\n{activityId ?? Guid.NewGuid().ToString()}"));
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var id = new StringBuilder("RB-");
        for (var i = 0; i < 8; i++)
        {
            id.Append(alphabet[hash[i] % 32]);
        }

        return id.ToString();
    }
}

public sealed record TroubleshootingAnswer(string GuideId, string StepId, string Answer, DateTimeOffset At);

/// <summary>
/// The engine's decision as recorded on a case: outcome, rule, sections, money and timeline; and what it was made from,
/// so that it can be made again (its receipt): the policy's version, the facts as they were, the request's and the
/// decision's instants. Decisions recorded before these were kept have none of them (null).
/// </summary>
public sealed record CaseDecision(
    string Outcome,
    string? RuleId,
    IReadOnlyList<string> Sections,
    RefundBreakdown? Breakdown,
    DateOnly? LatestRefundDate,
    IReadOnlyList<string> Alternatives,
    PolicyVersion? PolicyVersion = null,
    IReadOnlyDictionary<string, string>? Facts = null,
    DateTimeOffset? RequestedAt = null,
    DateTimeOffset? DecidedAt = null)
{
    public static CaseDecision From(Decision decision) => new(
        OutcomeKeys.Of(decision.Outcome),
        decision.RuleId,
        decision.Sections,
        decision.Breakdown,
        decision.Timeline?.LatestDate,
        decision.Alternatives);

    /// <summary>The decision with what it was made from: the policy's version (when known), the facts and the instants.</summary>
    public static CaseDecision From(Decision decision, PolicyVersion? version, IReadOnlyDictionary<string, string> facts, DecisionInstants instants) =>
        From(decision) with
        {
            PolicyVersion = version is { Hash.Length: > 0 } ? version : null,
            Facts = new SortedDictionary<string, string>(facts.ToDictionary(), StringComparer.Ordinal),
            RequestedAt = instants.RequestedAt,
            DecidedAt = instants.DecidedAt,
        };
}

/// <summary>Refund cases, one document each under "cases/{id}".</summary>
public sealed partial class CaseStore(IDocumentStore store, ILogger<CaseStore> logger)
{
    private const string Prefix = "cases/";

    /// <summary>
    /// Records a case change in the turn's unit of work: it is written with the turn's state, in the same commit, or
    /// not at all (a turn that loses its race and runs again records it again, on the case as committed).
    /// </summary>
    public void Save(TurnContext turn, RefundCase refundCase)
    {
        turn.Work.Put(Prefix + refundCase.Id, JsonSerializer.Serialize(refundCase, ActivityJson.Options));
        turn.AfterSave(_ =>
        {
            LogSaved(logger, refundCase.Id, Redact.OrderId(refundCase.OrderId), refundCase.Status);
            return Task.CompletedTask;
        });
    }

    /// <summary>The case as this turn sees it: with the changes it has recorded so far, else as committed.</summary>
    public async Task<RefundCase?> FindAsync(TurnContext turn, string caseId, CancellationToken cancellationToken = default) =>
        turn.Work.TryGetPending(Prefix + caseId, out var json)
            ? json is null ? null : JsonSerializer.Deserialize<RefundCase>(json, ActivityJson.Options)
            : await FindAsync(caseId, cancellationToken);

    /// <summary>
    /// Records a case outside a turn: for tests and data fixes only. The bot records every change, an agent's decision
    /// too, through <see cref="Save"/> in the turn that makes it. Saving the same case twice keeps one copy.
    /// </summary>
    public async Task SaveAsync(RefundCase refundCase, CancellationToken cancellationToken = default)
    {
        await store.WriteAsync(Prefix + refundCase.Id, JsonSerializer.Serialize(refundCase, ActivityJson.Options), ETags.Any, cancellationToken);
        LogSaved(logger, refundCase.Id, Redact.OrderId(refundCase.OrderId), refundCase.Status);
    }

    public Task DeleteAsync(string caseId, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(Prefix + caseId, cancellationToken: cancellationToken);

    public async Task<RefundCase?> FindAsync(string caseId, CancellationToken cancellationToken = default) =>
        await store.ReadAsync(Prefix + caseId, cancellationToken) is { } document
            ? JsonSerializer.Deserialize<RefundCase>(document.Json, ActivityJson.Options)
            : null;

    /// <summary>Every case, in id order: for exports and checks, never on the path of a turn or a periodic job (it grows with the store).</summary>
    public async Task<IReadOnlyList<RefundCase>> ListAsync(CancellationToken cancellationToken = default) =>
        Cases(await store.ListAsync(Prefix, cancellationToken));

    /// <summary>The cases recorded from one conversation, read through the store's index.</summary>
    public async Task<IReadOnlyList<RefundCase>> ForConversationAsync(string conversationKey, CancellationToken cancellationToken = default) =>
        Cases(await store.FindAsync(DocumentIndexes.CasesByConversation, conversationKey, cancellationToken: cancellationToken));

    /// <summary>The cases of this turn's conversation, each as this turn sees it (<see cref="FindAsync(TurnContext, string, CancellationToken)"/>).</summary>
    public async Task<IReadOnlyList<RefundCase>> OfConversationAsync(TurnContext turn, CancellationToken cancellationToken = default)
    {
        var own = new List<RefundCase>();
        foreach (var recorded in await ForConversationAsync(StateKeys.Conversation(turn.Activity), cancellationToken))
        {
            own.Add(await FindAsync(turn, recorded.Id, cancellationToken) ?? recorded);
        }

        return own;
    }

    /// <summary>The cases recorded for one order, read through the store's index.</summary>
    public async Task<IReadOnlyList<RefundCase>> ForOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        Cases(await store.FindAsync(DocumentIndexes.CasesByOrder, orderId, cancellationToken: cancellationToken));

    /// <summary>
    /// The cases whose provisional refund waits for the team to check its facts, the longest waiting first, at most
    /// <paramref name="limit"/> (read through the index by status, in case id order, then sorted): the desk's work list.
    /// </summary>
    public Task<IReadOnlyList<RefundCase>> AwaitingVerificationAsync(int limit, CancellationToken cancellationToken = default) =>
        WithStatusAsync(CaseStatus.AwaitingVerification, limit, cancellationToken);

    /// <summary>
    /// The cases recorded from <paramref name="from"/> to <paramref name="to"/> (both included), oldest first, at most
    /// <paramref name="limit"/>, read through the index by creation time: the business console's cases and insights.
    /// </summary>
    public async Task<IReadOnlyList<RefundCase>> RecordedBetweenAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default) =>
        Cases(await store.FindRangeAsync(DocumentIndexes.CasesByCreationTime, DocumentIndex.Time(from), DocumentIndex.Time(to), limit, cancellationToken: cancellationToken));
    /// <summary>The cases in <paramref name="status"/>, at most <paramref name="limit"/>, oldest request first (read through the index by status).</summary>
    public async Task<IReadOnlyList<RefundCase>> WithStatusAsync(string status, int limit, CancellationToken cancellationToken = default) =>
        Cases(await store.FindAsync(DocumentIndexes.CasesByStatus, status, limit, cancellationToken))
            .OrderBy(c => c.RequestInstant).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();

    /// <summary>The cases whose follow-up is due at <paramref name="now"/> and not sent, the longest due first, at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<RefundCase>> FollowUpsDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        FollowUpsDueAsync(DateTimeOffset.MinValue, now, limit, cancellationToken);

    /// <summary>As <see cref="FollowUpsDueAsync(DateTimeOffset, int, CancellationToken)"/>, those due from <paramref name="from"/> on (inclusive): the next page.</summary>
    public async Task<IReadOnlyList<RefundCase>> FollowUpsDueAsync(DateTimeOffset from, DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        Cases(await store.FindRangeAsync(DocumentIndexes.FollowUpsByDueTime, DocumentIndex.Time(from), DocumentIndex.Time(now), limit, cancellationToken: cancellationToken));

    /// <summary>
    /// The cases the support team has to solve before their deadline (waiting for support, follow-up not yet asked), the
    /// nearest deadline first, at most <paramref name="limit"/>: the desk's list of support tasks, read through the index.
    /// </summary>
    public async Task<IReadOnlyList<RefundCase>> WaitingForSupportAsync(int limit, CancellationToken cancellationToken = default) =>
        Cases(await store.FindRangeAsync(DocumentIndexes.FollowUpsByDueTime, DocumentIndex.MinTime, DocumentIndex.MaxTime, limit, cancellationToken: cancellationToken));

    private static List<RefundCase> Cases(IEnumerable<StoredDocument> documents) =>
        documents.Select(d => JsonSerializer.Deserialize<RefundCase>(d.Json, ActivityJson.Options)!).ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} for order {MaskedOrderId} saved as {Status}")]
    private static partial void LogSaved(ILogger logger, string caseId, string maskedOrderId, string status);
}
