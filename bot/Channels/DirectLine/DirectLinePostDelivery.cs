using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>
/// The delivery of the turn of one activity a client posted: the activity is given its id before each attempt at the
/// turn (<see cref="PrepareAsync"/>) and stored by the turn's commit, just before its replies, so the post, the
/// replies and the state are one write. A turn that commits nothing but is handled (it failed, and the customer is
/// told so) stores the post on its own before anything else is said (<see cref="StoreAsync"/>), so nothing the
/// customer wrote is lost; a post that is not handled (the bot is stopping, the store is down) is answered 503 and
/// not stored, and the client sends it again.
/// </summary>
internal sealed class DirectLinePostDelivery(
    DirectLineConversations conversations, DirectLineDelivery replies, string conversationId, Activity posted) : ICommittedReplyDelivery
{
    private bool _stored;

    /// <summary>The posted activity, with its id once stored.</summary>
    public Activity Posted => posted;

    public Task PrepareAsync(Activity inbound, CancellationToken cancellationToken) =>
        ReferenceEquals(inbound, posted) && !_stored ? conversations.PlanPostedAsync(conversationId, posted, cancellationToken) : Task.CompletedTask;

    public Task RecordAsync(Activity inbound, IReadOnlyList<Activity> replyActivities, UnitOfWork work, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(inbound, posted) || _stored)
        {
            return replies.RecordAsync(inbound, replyActivities, work, cancellationToken);
        }

        work.AfterCommit(_ =>
        {
            _stored = true;
            return Task.CompletedTask;
        });
        return replies.RecordAsync(inbound, replyActivities, work, posted, cancellationToken);
    }

    public async Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replyActivities, CancellationToken cancellationToken)
    {
        await StoreAsync();
        await replies.DeliverAsync(inbound, replyActivities, cancellationToken);
    }

    /// <summary>Stores the posted activity on its own unless its turn's commit already did.</summary>
    public async Task StoreAsync()
    {
        if (!_stored)
        {
            await conversations.AppendAsync(conversationId, posted);
            _stored = true;
        }
    }
}
