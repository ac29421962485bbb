using Microsoft.AspNetCore.SignalR;
using RefundBot.Bot.AgentDesk.Inbox;
using RefundBot.Dialogs.Handoff;

namespace RefundBot.Bot.AgentDesk;

/// <summary>A conversation that left the queue, opened from "recently closed": read only, with its notes and how it left.</summary>
public sealed record ClosedConversationView(ConversationView View, IReadOnlyList<InternalNote> Notes, DateTimeOffset ClosedAt, string Kind, string? ClosedByName);

/// <summary>The inbox's part of the desk's hub: views, search and filters, notes, canned replies, typing.</summary>
public sealed partial class AgentHub
{
    /// <summary>The inbox's cards for a view, a search and filters (see <see cref="InboxQuery"/>).</summary>
    public Task<IReadOnlyList<InboxCard>> GetInbox(InboxQuery? query) =>
        Inbox.ListAsync(query ?? new InboxQuery(), Agent.Id, Context.ConnectionAborted);

    /// <summary>A conversation of "recently closed" by its card's id; null when there is no such record.</summary>
    public Task<ClosedConversationView?> OpenClosed(string closedId) => views.ClosedConversationAsync(closedId ?? "", Context.ConnectionAborted);

    /// <summary>The team's internal notes on a conversation in the queue, oldest first (none when it is not in the queue).</summary>
    public async Task<IReadOnlyList<InternalNote>> GetNotes(string conversationKey) =>
        (await Service<HandoffQueue>().FindAsync(conversationKey ?? "", Context.ConnectionAborted))?.Notes ?? [];

    /// <summary>An internal note, by any agent, on a conversation in the queue: "done", "invalid", "notInQueue" or "notDone".</summary>
    public async Task<string> AddNote(string conversationKey, string text) =>
        Name(await desk.AddNoteAsync(conversationKey ?? "", Agent, text ?? "", Context.ConnectionAborted));

    /// <summary>The canned replies of the conversation's policy, in the customer's language.</summary>
    public Task<IReadOnlyList<CannedReplyView>> GetCannedReplies(string conversationKey) =>
        Inbox.CannedRepliesAsync(conversationKey ?? "", Context.ConnectionAborted);

    /// <summary>The owning agent is typing: the customer's Web Chat shows it. "done", "notYours", or "notShown" (another channel).</summary>
    public async Task<string> Typing(string conversationKey)
    {
        if (await Service<HandoffQueue>().FindAsync(conversationKey ?? "", Context.ConnectionAborted) is not { } ticket || !ticket.IsClaimedBy(Agent.Id))
        {
            return Name(DeskResult.NotYours);
        }

        return Service<AgentTyping>().Show(ticket, Agent) ? Name(DeskResult.Done) : "notShown";
    }

    private AgentInbox Inbox => Service<AgentInbox>();

    private T Service<T>() where T : notnull => Context.GetHttpContext()!.RequestServices.GetRequiredService<T>();
}
