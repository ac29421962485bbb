using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Dialogs.Handoff;

/// <summary>What became of an agent's action.</summary>
public enum DeskResult
{
    Done,
    NotInQueue,
    ClaimedByAnother,
    NotYours,
    NoCase,
    Invalid,

    /// <summary>A partial refund's amount is not above zero, not in the currency's minor units, above what was paid, or not in the policy's currency.</summary>
    InvalidAmount,

    /// <summary>The case is final (refunded, closed, withdrawn): it takes no decision, and the customer was told nothing.</summary>
    CaseFinal,

    /// <summary>The turn that carries the action out did not run (the bot is shutting down): nothing changed, try again.</summary>
    NotDone,
}

/// <summary>
/// What agents do to a handed-over conversation: claim it (one agent only, by compare-and-swap on the ticket), write
/// to the customer, record a decision on the case, give it back to the queue, or hand it back to the bot. Each
/// action that the customer should hear of runs as an event turn through the ordinary pipeline, so it is saved with
/// the conversation's state and delivered on the customer's own channel (Web Chat or Teams).
/// </summary>
public sealed partial class HandoffDesk(
    HandoffQueue queue,
    CaseStore cases,
    PolicyCatalog policies,
    IEscalationNotifier notifier,
    ITurnEntrance turns,
    IReplyChannels channels,
    TimeProvider clock,
    IOptions<HandoffOptions> options,
    ILogger<HandoffDesk> logger)
{
    public const int MaxMessageLength = 2000;

    public async Task<DeskResult> ClaimAsync(string conversationKey, AgentIdentity agent, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await queue.TryChangeAsync(conversationKey, t => t.Status == HandoffTicketStatus.Waiting
            ? t with { Status = HandoffTicketStatus.Claimed, AgentId = agent.Id, AgentName = agent.DisplayName, ClaimedAt = now, AgentSeenAt = now }
            : null, cancellationToken);
        if (claimed is null)
        {
            return await queue.FindAsync(conversationKey, cancellationToken) is null ? DeskResult.NotInQueue : DeskResult.ClaimedByAnother;
        }

        LogClaimed(logger, claimed.Reason);
        await TellAsync(claimed, HandoffEvents.AgentJoined, new HandoffEventValue(agent.Id, agent.DisplayName), cancellationToken);
        return DeskResult.Done;
    }

    public async Task<DeskResult> SendAsync(string conversationKey, AgentIdentity agent, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength)
        {
            return DeskResult.Invalid;
        }

        var (result, ticket) = await OwnedAsync(conversationKey, agent, cancellationToken);
        return ticket is null
            ? result
            : await TellAsync(ticket, HandoffEvents.AgentMessage, new HandoffEventValue(agent.Id, agent.DisplayName, Text: text), cancellationToken);
    }

    /// <summary>
    /// Records the agent's decision on the conversation's case and tells the customer, both in one event turn: the
    /// decision, the customer's message and the transcript line are one commit, or nothing is (a case that became
    /// final meanwhile refuses the move, and then the customer is told nothing). The result is read back from the case.
    /// </summary>
    public async Task<DeskResult> DecideAsync(string conversationKey, AgentIdentity agent, AgentDecisionRequest request, CancellationToken cancellationToken)
    {
        var (result, ticket) = await OwnedAsync(conversationKey, agent, cancellationToken);
        if (ticket is null)
        {
            return result;
        }

        if (ticket.CaseId is null || await cases.FindAsync(ticket.CaseId, cancellationToken) is not { } refundCase)
        {
            return DeskResult.NoCase;
        }

        var policy = (refundCase.PolicyId ?? ticket.PolicyId) is { } policyId ? policies.Find(policyId) : null;
        if (request.Check(refundCase, policy, agent, clock.GetUtcNow(), out var problem) is not { } decision)
        {
            return problem;
        }

        if (refundCase.WithAgentDecision(decision) is null)
        {
            return DeskResult.CaseFinal;
        }

        await TellAsync(ticket, HandoffEvents.AgentDecision,
            new HandoffEventValue(agent.Id, agent.DisplayName, CaseId: refundCase.Id, Decision: decision), cancellationToken);
        return await cases.FindAsync(refundCase.Id, cancellationToken) switch
        {
            { AgentDecision: { } recorded } when recorded == decision => LogDecided(decision.Outcome),
            { } now when CaseLifecycle.IsFinal(now.Status) => DeskResult.CaseFinal,
            _ when await queue.FindAsync(conversationKey, cancellationToken) is { } left && !left.IsClaimedBy(agent.Id) => DeskResult.NotYours,
            _ => DeskResult.NotDone,
        };
    }

    private DeskResult LogDecided(string outcome)
    {
        LogDecision(logger, outcome);
        return DeskResult.Done;
    }

    /// <summary>
    /// Gives the conversation back to the bot, which resumes where it stopped, or closes it: then a case left without
    /// the agent's decision is closed too. All of it is the hand-back turn's, run through the one entrance and committed
    /// with the conversation's state: the ticket is never gone while the conversation still waits for a person.
    /// </summary>
    public async Task<DeskResult> HandBackAsync(string conversationKey, AgentIdentity agent, bool close, CancellationToken cancellationToken)
    {
        var (result, ticket) = await OwnedAsync(conversationKey, agent, cancellationToken);
        if (ticket is null)
        {
            return result;
        }

        await TellAsync(ticket, HandoffEvents.HandBack, new HandoffEventValue(agent.Id, agent.DisplayName, Close: close), cancellationToken);
        if (await queue.FindAsync(conversationKey, cancellationToken) is { } left)
        {
            // The turn did not run (shutting down), or found the ticket no longer this agent's.
            return left.IsClaimedBy(agent.Id) ? DeskResult.NotDone : DeskResult.NotYours;
        }

        LogHandedBack(logger, ticket.Reason, close);
        return DeskResult.Done;
    }

    /// <summary>
    /// An internal note on a conversation in the queue, by any signed-in agent (a colleague may leave one on a
    /// conversation they do not own): recorded on the ticket in an event turn of the conversation, which sends the
    /// customer nothing. The result is read back from the ticket.
    /// </summary>
    public async Task<DeskResult> AddNoteAsync(string conversationKey, AgentIdentity agent, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > InternalNote.MaxLength)
        {
            return DeskResult.Invalid;
        }

        if (await queue.FindAsync(conversationKey, cancellationToken) is not { } ticket)
        {
            return DeskResult.NotInQueue;
        }

        var before = ticket.Notes.Count;
        await TellAsync(ticket, HandoffEvents.AgentNote, new HandoffEventValue(agent.Id, agent.DisplayName, Text: text), cancellationToken);
        return await queue.FindAsync(conversationKey, cancellationToken) switch
        {
            null => DeskResult.NotInQueue,
            { } after when after.Notes.Skip(before).Any(n => n.AgentId == agent.Id && n.Text == text.Trim()) => DeskResult.Done,
            _ => DeskResult.NotDone,
        };
    }

    /// <summary>The agent steps away from the conversation: it goes back to the queue for someone else.</summary>
    public async Task<DeskResult> ReleaseAsync(string conversationKey, AgentIdentity agent, CancellationToken cancellationToken)
    {
        var released = await queue.TryChangeAsync(conversationKey, t => t.IsClaimedBy(agent.Id) ? t.BackInQueue(clock.GetUtcNow()) : null, cancellationToken);
        return released is null
            ? DeskResult.NotYours
            : await TellAsync(released, HandoffEvents.AgentLeft, new HandoffEventValue(agent.Id, agent.DisplayName), cancellationToken);
    }

    /// <summary>The agent's desk is open (it calls this on connecting and then as a heartbeat).</summary>
    public async Task AgentSeenAsync(string agentId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var ticket in await queue.ClaimedByAsync(agentId, cancellationToken))
        {
            await queue.TryChangeAsync(ticket.ConversationKey, t => t.IsClaimedBy(agentId) ? t with { AgentSeenAt = now } : null, cancellationToken);
        }
    }

    /// <summary>
    /// What falls due with time, all of it read from the persisted tickets (restart-safe, and right whichever instance
    /// runs it): new hand-offs are announced to the support team; customers who have waited longer than
    /// <see cref="HandoffOptions.MaxWait"/> are told, once per wait; conversations whose agent has not been heard from
    /// for <see cref="HandoffOptions.AgentAwayGrace"/> go back to the queue.
    /// </summary>
    public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        foreach (var ticket in await queue.ListAsync(cancellationToken))
        {
            if (!ticket.Announced)
            {
                await AnnounceAsync(ticket, cancellationToken);
            }

            if (ticket is { Status: HandoffTicketStatus.Waiting, LongWaitTold: false } && ticket.WaitingSince + settings.MaxWait <= now
                && await queue.TryChangeAsync(ticket.ConversationKey, t => t is { Status: HandoffTicketStatus.Waiting, LongWaitTold: false } ? t with { LongWaitTold = true } : null, cancellationToken) is { } told)
            {
                await TellAsync(told, HandoffEvents.LongWait, new HandoffEventValue("", ""), cancellationToken);
            }
            else if (ticket is { Status: HandoffTicketStatus.Claimed, AgentSeenAt: { } seen, AgentId: { } agentId } && seen + settings.AgentAwayGrace <= now
                && await queue.TryChangeAsync(ticket.ConversationKey, t => t.IsClaimedBy(agentId) && t.AgentSeenAt == seen ? t.BackInQueue(now) : null, cancellationToken) is { } requeued)
            {
                LogAgentAway(logger, ticket.Reason);
                await TellAsync(requeued, HandoffEvents.AgentLeft, new HandoffEventValue(agentId, ticket.AgentName ?? ""), cancellationToken);
            }
        }
    }

    private async Task AnnounceAsync(HandoffTicket ticket, CancellationToken cancellationToken)
    {
        if (await queue.TryChangeAsync(ticket.ConversationKey, t => t.Announced ? null : t with { Announced = true }, cancellationToken) is not null)
        {
            var refundCase = ticket.CaseId is null ? null : await cases.FindAsync(ticket.CaseId, cancellationToken);
            await notifier.NotifyAsync(ticket, refundCase, cancellationToken);
        }
    }

    private async Task<(DeskResult Result, HandoffTicket? Ticket)> OwnedAsync(string conversationKey, AgentIdentity agent, CancellationToken cancellationToken) =>
        await queue.FindAsync(conversationKey, cancellationToken) switch
        {
            null => (DeskResult.NotInQueue, null),
            var ticket when !ticket.IsClaimedBy(agent.Id) => (DeskResult.NotYours, null),
            var ticket => (DeskResult.Done, ticket),
        };

    private async Task<DeskResult> TellAsync(HandoffTicket ticket, string eventName, HandoffEventValue value, CancellationToken cancellationToken)
    {
        var reference = ticket.Reference;
        await turns.RunAsync(reference.Event(eventName, clock.GetUtcNow(), value), channels.For(reference), cancellationToken);
        return DeskResult.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An agent claimed a conversation ({Reason})")]
    private static partial void LogClaimed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "An agent recorded a decision ({Outcome}) on a case")]
    private static partial void LogDecision(ILogger logger, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "An agent handed a conversation ({Reason}) back to the bot (closed: {Closed})")]
    private static partial void LogHandedBack(ILogger logger, string reason, bool closed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An agent's desk was not heard from for the grace period; their conversation ({Reason}) is back in the queue")]
    private static partial void LogAgentAway(ILogger logger, string reason);
}
