using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>Store-and-stream delivery: the bot's replies are kept in the conversation and pushed to its live clients.</summary>
public sealed class DirectLineDelivery(DirectLineConversations conversations, TimeProvider clock) : IReplyDelivery
{
    public async Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            reply.Timestamp = clock.GetUtcNow();
            reply.ServiceUrl = null;
            await conversations.AppendAsync(inbound.Conversation!.Id!, reply);
        }
    }
}
