using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>
/// Store-and-stream delivery: the bot's replies are kept in the conversation and pushed to its live clients. A
/// committed turn's replies are appended as writes of its commit (<see cref="RecordAsync"/>), pushed once it is done;
/// <see cref="DeliverAsync"/> appends at once (an apology for a failed turn, which commits nothing; an outbox record
/// of an older version). What a client posts is stored by its own turn's commit too (<see cref="ForPost"/>).
/// </summary>
public sealed class DirectLineDelivery(DirectLineConversations conversations, TimeProvider clock) : ICommittedReplyDelivery
{
    public async Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            Prepare(reply);
            await conversations.AppendAsync(inbound.Conversation!.Id!, reply);
        }
    }

    public Task RecordAsync(Activity inbound, IReadOnlyList<Activity> replies, UnitOfWork work, CancellationToken cancellationToken) =>
        RecordAsync(inbound, replies, work, posted: null, cancellationToken);

    /// <summary>The delivery of one activity a client posted, which its turn stores with the replies (one write).</summary>
    internal DirectLinePostDelivery ForPost(string conversationId, Activity posted) => new(conversations, this, conversationId, posted);

    internal Task RecordAsync(Activity inbound, IReadOnlyList<Activity> replies, UnitOfWork work, Activity? posted, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            Prepare(reply);
        }

        return conversations.RecordAppendsAsync(inbound.Conversation!.Id!, replies, work, cancellationToken, posted);
    }

    private void Prepare(Activity reply)
    {
        reply.Timestamp = clock.GetUtcNow();
        reply.ServiceUrl = null;
    }
}
