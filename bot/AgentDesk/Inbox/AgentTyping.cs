using RefundBot.Bot.Channels.DirectLine;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.AgentDesk.Inbox;

/// <summary>
/// "The agent is typing" on the customer's Web Chat: a <c>typing</c> activity from the agent, pushed to the Direct
/// Line conversation's live clients and never kept (as Direct Line does with typing). Other channels get nothing.
/// </summary>
public sealed class AgentTyping(DirectLineConversations conversations, TimeProvider clock)
{
    /// <summary>As the agent's messages are sent (the dialogs' TranscriptRoles.AgentIdPrefix): Web Chat shows the agent's initials.</summary>
    private const string AgentIdPrefix = "agent:";

    /// <returns>True when the customer's channel shows typing (Direct Line).</returns>
    public bool Show(HandoffTicket ticket, AgentIdentity agent)
    {
        if (ticket.Reference is not { ChannelId: "directline", Conversation.Id: { } conversationId })
        {
            return false;
        }

        conversations.Broadcast(conversationId, new Activity
        {
            Type = ActivityTypes.Typing,
            ChannelId = "directline",
            Timestamp = clock.GetUtcNow(),
            Conversation = new ConversationAccount { Id = conversationId },
            From = new ChannelAccount { Id = AgentIdPrefix + agent.Id, Name = agent.DisplayName, Role = "bot" },
        }, watermark: "");
        return true;
    }
}
