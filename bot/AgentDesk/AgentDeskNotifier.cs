using Microsoft.AspNetCore.SignalR;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Bot.AgentDesk;

/// <summary>
/// Pushes queue changes to every desk and new transcript lines to the desks that have the conversation open; a queue
/// change also wakes the hand-off monitor (a new hand-off is announced to the support team at once).
/// </summary>
public sealed class AgentDeskNotifier(IHubContext<AgentHub> hub, IServiceProvider services) : IHandoffQueueObserver, ITranscriptObserver
{
    public Task QueueChangedAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the monitor depends on the queue, which depends on this observer.
        services.GetRequiredService<HandoffMonitorService>().Wake();
        return hub.Clients.Group(AgentHub.DeskGroup).SendAsync("queueChanged", cancellationToken);
    }

    public Task AppendedAsync(string conversationKey, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken) =>
        hub.Clients.Group(AgentHub.ConversationGroup(conversationKey)).SendAsync("transcript", conversationKey, entries, cancellationToken);
}
