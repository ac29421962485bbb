using Microsoft.AspNetCore.SignalR;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Bot.AgentDesk;

/// <summary>Pushes queue changes to every desk and new transcript lines to the desks that have the conversation open.</summary>
public sealed class AgentDeskNotifier(IHubContext<AgentHub> hub) : IHandoffQueueObserver, ITranscriptObserver
{
    public Task QueueChangedAsync(CancellationToken cancellationToken) =>
        hub.Clients.Group(AgentHub.DeskGroup).SendAsync("queueChanged", cancellationToken);

    public Task AppendedAsync(string conversationKey, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken) =>
        hub.Clients.Group(AgentHub.ConversationGroup(conversationKey)).SendAsync("transcript", conversationKey, entries, cancellationToken);
}
