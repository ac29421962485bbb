using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

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
    TurnProcessor turns,
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
            ? t with { Status = HandoffTicketStatus.Claimed, AgentId = agent.Id, AgentName = agent.DisplayName, ClaimedAt = now, AgentAwaySince = null }
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

    /// <summary>Records the agent's decision and note on the conversation's case, then tells the customer.</summary>
    public async Task<DeskResult> DecideAsync(string conversationKey, AgentIdentity agent, string outcome, string note, CancellationToken cancellationToken)
    {
        if (!AgentOutcomes.All.Contains(outcome) || note.Length > MaxMessageLength)
        {
            return DeskResult.Invalid;
        }

        var (result, ticket) = await OwnedAsync(conversationKey, agent, cancellationToken);
        if (ticket is null)
        {
            return result;
        }

        if (ticket.CaseId is null || await cases.FindAsync(ticket.CaseId, cancellationToken) is not { } refundCase)
        {
            return DeskResult.NoCase;
        }

        await cases.SaveAsync(refundCase.WithAgentDecision(new AgentDecision(outcome, note.Trim(), agent.Id, agent.DisplayName, clock.GetUtcNow())), cancellationToken);
        return await TellAsync(ticket, HandoffEvents.AgentDecision,
            new HandoffEventValue(agent.Id, agent.DisplayName, Outcome: outcome, Note: note, CaseId: refundCase.Id), cancellationToken);
    }

    /// <summary>Gives the conversation back to the bot, which resumes where it stopped, or closes it.</summary>
    public async Task<DeskResult> HandBackAsync(string conversationKey, AgentIdentity agent, bool close, CancellationToken cancellationToken)
    {
        var (result, ticket) = await OwnedAsync(conversationKey, agent, cancellationToken);
        if (ticket is null)
        {
            return result;
        }

        await queue.RemoveAsync(conversationKey, cancellationToken);
        LogHandedBack(logger, ticket.Reason, close);
        return await TellAsync(ticket, HandoffEvents.HandBack, new HandoffEventValue(agent.Id, agent.DisplayName, Close: close), cancellationToken);
    }

    /// <summary>The agent steps away from the conversation: it goes back to the queue for someone else.</summary>
    public async Task<DeskResult> ReleaseAsync(string conversationKey, AgentIdentity agent, CancellationToken cancellationToken)
    {
        var released = await queue.TryChangeAsync(conversationKey, t => t.IsClaimedBy(agent.Id) ? t.BackInQueue() : null, cancellationToken);
        return released is null
            ? DeskResult.NotYours
            : await TellAsync(released, HandoffEvents.AgentLeft, new HandoffEventValue(agent.Id, agent.DisplayName), cancellationToken);
    }

    /// <summary>The agent's last desk closed: their conversations start counting the grace period.</summary>
    public Task AgentAwayAsync(string agentId, CancellationToken cancellationToken) =>
        MarkAgentAsync(agentId, clock.GetUtcNow(), cancellationToken);

    public Task AgentBackAsync(string agentId, CancellationToken cancellationToken) =>
        MarkAgentAsync(agentId, null, cancellationToken);

    /// <summary>
    /// Tells customers who have waited longer than <see cref="HandoffOptions.MaxWait"/> (once per wait), and gives back
    /// to the queue the conversations of agents away for longer than <see cref="HandoffOptions.AgentAwayGrace"/>.
    /// Restart-safe: everything it looks at is on the persisted tickets.
    /// </summary>
    public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        foreach (var ticket in await queue.ListAsync(cancellationToken))
        {
            if (ticket is { Status: HandoffTicketStatus.Waiting, LongWaitTold: false } && ticket.RequestedAt + settings.MaxWait <= now
                && await queue.TryChangeAsync(ticket.ConversationKey, t => t.Status == HandoffTicketStatus.Waiting && !t.LongWaitTold ? t with { LongWaitTold = true } : null, cancellationToken) is { } told)
            {
                await TellAsync(told, HandoffEvents.LongWait, new HandoffEventValue("", ""), cancellationToken);
            }
            else if (ticket is { Status: HandoffTicketStatus.Claimed, AgentAwaySince: { } away, AgentId: { } agentId } && away + settings.AgentAwayGrace <= now
                && await queue.TryChangeAsync(ticket.ConversationKey, t => t.AgentAwaySince is not null && t.AgentId == agentId ? t.BackInQueue() : null, cancellationToken) is { } requeued)
            {
                LogAgentAway(logger, ticket.Reason);
                await TellAsync(requeued, HandoffEvents.AgentLeft, new HandoffEventValue(agentId, ticket.AgentName ?? ""), cancellationToken);
            }
        }
    }

    private async Task MarkAgentAsync(string agentId, DateTimeOffset? awaySince, CancellationToken cancellationToken)
    {
        foreach (var ticket in (await queue.ListAsync(cancellationToken)).Where(t => t.IsClaimedBy(agentId)))
        {
            await queue.TryChangeAsync(ticket.ConversationKey, t => t.IsClaimedBy(agentId) ? t with { AgentAwaySince = awaySince } : null, cancellationToken);
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
        await turns.ProcessAsync(reference.Event(eventName, clock.GetUtcNow(), value), channels.For(reference), cancellationToken);
        return DeskResult.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An agent claimed a conversation ({Reason})")]
    private static partial void LogClaimed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "An agent handed a conversation ({Reason}) back to the bot (closed: {Closed})")]
    private static partial void LogHandedBack(ILogger logger, string reason, bool closed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An agent's desk stayed closed past the grace period; their conversation ({Reason}) is back in the queue")]
    private static partial void LogAgentAway(ILogger logger, string reason);
}
