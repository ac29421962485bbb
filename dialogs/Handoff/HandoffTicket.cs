using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Handoff;

/// <summary>Why the bot handed a conversation to a person.</summary>
internal static class HandoffReasons
{
    public const string CustomerAsked = "customer-asked";
    public const string HumanReview = "human-review";
    public const string RepeatedMisunderstanding = "repeated-misunderstanding";
    public const string CustomerUpset = "customer-upset";
    public const string QuestionNotCovered = "question-not-covered";
}

internal static class HandoffTicketStatus
{
    public const string Waiting = "waiting";
    public const string Claimed = "claimed";
}

/// <summary>
/// A conversation in the agent queue: why it is there, in which language and under which policy, its case, and who
/// (if anyone) has claimed it. One document per conversation, "handoffs/{conversation key}".
/// </summary>
public sealed record HandoffTicket
{
    public required string ConversationKey { get; init; }
    public required ConversationReference Reference { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Since when the conversation has waited for an agent: the request, or the moment it came back to the queue.</summary>
    public required DateTimeOffset WaitingSince { get; init; }
    public required string Language { get; init; }
    public string? PolicyId { get; init; }
    public string? CaseId { get; init; }

    /// <summary>The question the policy did not answer, when that is why a person was asked for.</summary>
    public string? Question { get; init; }

    public string Status { get; init; } = HandoffTicketStatus.Waiting;
    public string? AgentId { get; init; }
    public string? AgentName { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>
    /// When the owning agent's desk was last heard from (it sends a heartbeat while open); an agent not heard from for
    /// the grace period loses the conversation back to the queue, even if their desk's server crashed.
    /// </summary>
    public DateTimeOffset? AgentSeenAt { get; init; }

    /// <summary>The team's internal notes on the conversation, oldest first: shown on the desk, never to the customer.</summary>
    public IReadOnlyList<InternalNote> Notes { get; init; } = [];

    /// <summary>Whether the customer has been told that the wait is long (told once per wait).</summary>
    public bool LongWaitTold { get; init; }

    /// <summary>Whether the support team has been told (a Teams support channel), once the conversation's state was saved.</summary>
    public bool Announced { get; init; }

    /// <summary>
    /// When the conversation joined the queue, while it waits (else null): stored with the ticket so that the store's
    /// <see cref="Runtime.Storage.DocumentIndexes.WaitingTicketsByQueueTime"/> holds the waiting tickets in queue order.
    /// </summary>
    public DateTimeOffset? QueuedAt => Status == HandoffTicketStatus.Waiting ? RequestedAt : null;

    public bool IsClaimedBy(string agentId) => Status == HandoffTicketStatus.Claimed && AgentId == agentId;

    public HandoffTicket BackInQueue(DateTimeOffset now) => this with
    {
        Status = HandoffTicketStatus.Waiting, AgentId = null, AgentName = null, ClaimedAt = null, AgentSeenAt = null,
        WaitingSince = now, LongWaitTold = false,
    };
}

/// <summary>A person on the agent desk.</summary>
public sealed record AgentIdentity(string Id, string DisplayName);
