using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>
/// The delivery of a new conversation's greeting turn when the conversation is started as it is created (the chat
/// page's token, <see cref="DirectLineConversations.Begin"/>): its record is stored by the greeting's commit, with the
/// greeting and the state, so that starting a conversation is one write. A greeting turn that commits nothing (it
/// failed) stores the record on its own, not started (<see cref="StoreAsync"/>): the token always names a
/// conversation, and Web Chat's start greets it then, as for any conversation not yet started.
/// </summary>
internal sealed class DirectLineStartDelivery(
    DirectLineConversations conversations, DirectLineDelivery replies, DirectLineConversation conversation) : ICommittedReplyDelivery
{
    private bool _stored;

    public Task RecordAsync(Activity inbound, IReadOnlyList<Activity> replyActivities, UnitOfWork work, CancellationToken cancellationToken)
    {
        conversations.RecordCreation(conversation, work);
        work.AfterCommit(_ =>
        {
            _stored = true;
            return Task.CompletedTask;
        });
        return replies.RecordAsync(inbound, replyActivities, work, cancellationToken);
    }

    public async Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replyActivities, CancellationToken cancellationToken)
    {
        await StoreAsync();
        await replies.DeliverAsync(inbound, replyActivities, cancellationToken);
    }

    /// <summary>Stores the conversation's record on its own, not started, unless the greeting's commit stored it.</summary>
    public async Task StoreAsync()
    {
        if (!_stored)
        {
            await conversations.StoreCreationAsync(conversation with { Started = false });
            _stored = true;
        }
    }
}
