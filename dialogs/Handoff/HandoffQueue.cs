using System.Text.Json;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Handoff;

/// <summary>Told when the queue changes (the agent desk refreshes it).</summary>
public interface IHandoffQueueObserver
{
    Task QueueChangedAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The persisted queue of conversations waiting for, or owned by, a person. Changes are compare-and-swap on the
/// ticket's ETag, so two agents can never both claim one conversation, on one instance or several.
/// </summary>
public sealed partial class HandoffQueue(IDocumentStore store, IEnumerable<IHandoffQueueObserver> observers, ILogger<HandoffQueue> logger)
{
    private const string Prefix = "handoffs/";
    private const int MaxAttempts = 5;

    /// <summary>
    /// Queues the conversation in the turn's commit, unless it already is: the ticket in the queue is kept. A ticket
    /// queued meanwhile by someone else makes the commit a conflict, and the turn, run again, finds it. Its announcement
    /// to the support team is an outbox record of the same commit (<see cref="HandoffAnnouncementHandler"/>), so the
    /// ticket is stored as announced: the hand-off monitor announces only tickets queued otherwise.
    /// </summary>
    public async Task AddAsync(TurnContext turn, HandoffTicket ticket, CancellationToken cancellationToken = default)
    {
        if (await store.ReadAsync(Prefix + ticket.ConversationKey, cancellationToken) is not null)
        {
            return;
        }

        turn.Work.Put(Prefix + ticket.ConversationKey, Serialize(ticket with { Announced = true }), expectedETag: null);
        turn.Work.EnqueueAfterReplies(HandoffAnnouncementHandler.RecordFor(ticket)); // a slow support channel never holds up the reply
        turn.AfterSave(ct =>
        {
            LogQueued(logger, ticket.Reason, ticket.Language, ticket.PolicyId);
            return NotifyAsync(ct);
        });
    }

    /// <summary>Queues the conversation, unless it already is (a retried turn): the ticket in the queue is kept.</summary>
    public async Task AddAsync(HandoffTicket ticket, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.WriteAsync(Prefix + ticket.ConversationKey, Serialize(ticket), expectedETag: null, cancellationToken);
        }
        catch (ETagConflictException)
        {
            return;
        }

        LogQueued(logger, ticket.Reason, ticket.Language, ticket.PolicyId);
        await NotifyAsync(cancellationToken);
    }

    public async Task<HandoffTicket?> FindAsync(string conversationKey, CancellationToken cancellationToken = default) =>
        await store.ReadAsync(Prefix + conversationKey, cancellationToken) is { } document ? Deserialize(document.Json) : null;

    /// <summary>Every ticket, the longest waiting first.</summary>
    public async Task<IReadOnlyList<HandoffTicket>> ListAsync(CancellationToken cancellationToken = default) =>
        (await store.ListAsync(Prefix, cancellationToken))
            .Select(d => Deserialize(d.Json))
            .OrderBy(t => t.RequestedAt)
            .ToList();

    public async Task<int> WaitingCountAsync(CancellationToken cancellationToken = default) =>
        (await Waiting(DocumentIndex.MaxTime, cancellationToken)).Count;

    /// <summary>
    /// 1 for the first conversation waiting, 2 for the next, ...; 0 when the conversation is not waiting. Reads the
    /// conversation's ticket and the waiting tickets queued before it, through the store's index.
    /// </summary>
    public async Task<int> PositionAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(conversationKey, cancellationToken) is not { QueuedAt: { } queuedAt })
        {
            return 0;
        }

        var waiting = await Waiting(DocumentIndex.Time(queuedAt), cancellationToken);
        return waiting.FindIndex(t => t.ConversationKey == conversationKey) + 1;
    }

    /// <summary>The tickets claimed by one agent, through the store's index.</summary>
    public async Task<IReadOnlyList<HandoffTicket>> ClaimedByAsync(string agentId, CancellationToken cancellationToken = default) =>
        (await store.FindAsync(DocumentIndexes.TicketsByAgent, agentId, cancellationToken: cancellationToken))
            .Select(d => Deserialize(d.Json))
            .Where(t => t.IsClaimedBy(agentId))
            .ToList();

    /// <summary>The waiting tickets queued up to <paramref name="until"/>, in queue order (ties in key order, as the index keeps them).</summary>
    private async Task<List<HandoffTicket>> Waiting(string until, CancellationToken cancellationToken) =>
        (await store.FindRangeAsync(DocumentIndexes.WaitingTicketsByQueueTime, DocumentIndex.MinTime, until, int.MaxValue, cancellationToken: cancellationToken))
            .Select(d => Deserialize(d.Json))
            .Where(t => t.Status == HandoffTicketStatus.Waiting)
            .ToList();

    /// <summary>
    /// Applies <paramref name="change"/> to the stored ticket atomically. The change returns null to refuse (the
    /// ticket is not in the expected state); a concurrent change makes it run again on the fresh ticket.
    /// </summary>
    /// <returns>The changed ticket, or null when there is no ticket or the change refused.</returns>
    public async Task<HandoffTicket?> TryChangeAsync(
        string conversationKey, Func<HandoffTicket, HandoffTicket?> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await store.ReadAsync(Prefix + conversationKey, cancellationToken) is not { } document
                || change(Deserialize(document.Json)) is not { } changed)
            {
                return null;
            }

            try
            {
                await store.WriteAsync(document.Key, Serialize(changed), document.ETag, cancellationToken);
                await NotifyAsync(cancellationToken);
                return changed;
            }
            catch (ETagConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>
    /// Changes the turn's conversation's ticket in the turn's commit (an internal note): the write expects the ticket's
    /// ETag, so a ticket changed meanwhile (claimed, a heartbeat) makes the commit a conflict and the turn, run again,
    /// applies the change to the fresh ticket. The change returns null to refuse.
    /// </summary>
    /// <returns>The changed ticket, or null when there is none or the change refused.</returns>
    public async Task<HandoffTicket?> TryChangeAsync(TurnContext turn, Func<HandoffTicket, HandoffTicket?> change, CancellationToken cancellationToken = default)
    {
        if (await store.ReadAsync(Prefix + StateKeys.Conversation(turn.Activity), cancellationToken) is not { } document
            || change(Deserialize(document.Json)) is not { } changed)
        {
            return null;
        }

        turn.Work.Put(document.Key, Serialize(changed), document.ETag);
        turn.AfterSave(NotifyAsync);
        return changed;
    }

    /// <summary>
    /// Takes the turn's conversation out of the queue in the turn's commit, if <paramref name="allowed"/> says so of the
    /// ticket as read: the delete expects the ticket's ETag, so a ticket changed meanwhile (claimed, released) makes the
    /// commit a conflict and the turn, run again, judges it afresh. The ticket goes with the state that says the bot has
    /// the conversation back, or neither does.
    /// </summary>
    /// <returns>The ticket to be removed, or null when there is none or it is not allowed.</returns>
    public async Task<HandoffTicket?> TryRemoveAsync(TurnContext turn, Func<HandoffTicket, bool> allowed, CancellationToken cancellationToken = default)
    {
        if (await store.ReadAsync(Prefix + StateKeys.Conversation(turn.Activity), cancellationToken) is not { } document
            || Deserialize(document.Json) is var ticket && !allowed(ticket))
        {
            return null;
        }

        turn.Work.Delete(document.Key, document.ETag);
        turn.AfterSave(NotifyAsync);
        return ticket;
    }

    /// <summary>
    /// Takes the conversation out of the queue if <paramref name="allowed"/> says so of the ticket as stored, atomically:
    /// a ticket changed meanwhile (claimed, say) is judged again.
    /// </summary>
    /// <returns>The ticket removed, or null when there was none or it was not allowed.</returns>
    public async Task<HandoffTicket?> TryRemoveAsync(
        string conversationKey, Func<HandoffTicket, bool> allowed, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await store.ReadAsync(Prefix + conversationKey, cancellationToken) is not { } document
                || Deserialize(document.Json) is var ticket && !allowed(ticket))
            {
                return null;
            }

            try
            {
                await store.DeleteAsync(document.Key, document.ETag, cancellationToken);
                await NotifyAsync(cancellationToken);
                return ticket;
            }
            catch (ETagConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    private async Task NotifyAsync(CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            await observer.QueueChangedAsync(cancellationToken);
        }
    }

    private static string Serialize(HandoffTicket ticket) => JsonSerializer.Serialize(ticket, ActivityJson.Options);

    private static HandoffTicket Deserialize(string json) => JsonSerializer.Deserialize<HandoffTicket>(json, ActivityJson.Options)!;

    [LoggerMessage(Level = LogLevel.Information, Message = "A conversation joined the agent queue ({Reason}, {Language}, policy {PolicyId})")]
    private static partial void LogQueued(ILogger logger, string reason, string language, string? policyId);
}
