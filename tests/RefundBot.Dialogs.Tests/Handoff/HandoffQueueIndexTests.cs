using Microsoft.Extensions.Logging.Abstractions;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Tests.Handoff;

/// <summary>
/// A waiting customer's every message asks for their place in the queue, and each desk heartbeat for the agent's
/// conversations: both read the store's indexes, never every ticket (the store refuses a listing of "handoffs/").
/// </summary>
public sealed class HandoffQueueIndexTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly HandoffQueue _queue = new(new NoScanStore([.. NoScanStore.WholeKinds, "handoffs/"]), [], NullLogger<HandoffQueue>.Instance);

    [Fact]
    public async Task Places_counts_and_an_agents_conversations_follow_the_tickets_as_they_change()
    {
        // Queued out of order: the queue's order is when each asked.
        await _queue.AddAsync(Ticket("c", At.AddMinutes(3)));
        await _queue.AddAsync(Ticket("a", At.AddMinutes(1)));
        await _queue.AddAsync(Ticket("b", At.AddMinutes(2)));

        Assert.Equal(new[] { 1, 2, 3 }, await Positions("a", "b", "c"));
        Assert.Equal(3, await _queue.WaitingCountAsync());

        await _queue.TryChangeAsync(Key("a"), t => t with { Status = HandoffTicketStatus.Claimed, AgentId = "agent-1", AgentName = "Ann" });
        Assert.Equal(new[] { 0, 1, 2 }, await Positions("a", "b", "c"));
        Assert.Equal(2, await _queue.WaitingCountAsync());
        Assert.Equal([Key("a")], (await _queue.ClaimedByAsync("agent-1")).Select(t => t.ConversationKey));

        await _queue.TryChangeAsync(Key("a"), t => t.BackInQueue(At.AddMinutes(9)));
        await _queue.TryRemoveAsync(Key("b"), _ => true);
        Assert.Equal(new[] { 1, 0, 2 }, await Positions("a", "b", "c"));
        Assert.Empty(await _queue.ClaimedByAsync("agent-1"));
        Assert.Equal(0, await _queue.PositionAsync(Key("never-queued")));
    }

    private async Task<int[]> Positions(params string[] conversations) =>
        await Task.WhenAll(conversations.Select(c => _queue.PositionAsync(Key(c))));

    private static string Key(string conversation) => $"test/conversations/{conversation}";

    private static HandoffTicket Ticket(string conversation, DateTimeOffset requestedAt) => new()
    {
        ConversationKey = Key(conversation),
        Reference = new ConversationReference("test", null, new ConversationAccount { Id = conversation }, null, null, "en-US"),
        Reason = HandoffReasons.CustomerAsked,
        RequestedAt = requestedAt,
        WaitingSince = requestedAt,
        Language = "en",
    };
}
