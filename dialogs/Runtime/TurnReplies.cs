namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// What a committed turn has to say, and the channel to say it on. The turn's state is saved before this exists, so
/// delivering it can wait, fail or be retried without the turn running again. A committed turn's replies are outbox
/// records, already on their way: delivering them here is waiting for the outbox.
/// </summary>
public sealed class TurnReplies
{
    private readonly IReplyDelivery? _delivery;
    private readonly RecentDeliveries? _delivered;
    private readonly bool _isReplay;
    private readonly Task? _carried;

    internal TurnReplies(
        string conversationKey, Activity inbound, IReadOnlyList<Activity> replies, IReplyDelivery? delivery, RecentDeliveries? delivered,
        bool isReplay = false, Task? carried = null)
    {
        _carried = carried;
        ConversationKey = conversationKey;
        Inbound = inbound;
        Replies = replies;
        _delivery = delivery;
        _delivered = delivered;
        _isReplay = isReplay;
    }

    /// <summary>The conversation's state key: deliveries of one conversation go out in the order of its turns.</summary>
    public string ConversationKey { get; }

    public Activity Inbound { get; }

    public IReadOnlyList<Activity> Replies { get; }

    internal static TurnReplies None(string conversationKey, Activity inbound) => new(conversationKey, inbound, [], null, null);

    /// <summary>
    /// Sends the replies; once they are out, a retry of this activity by its channel is not answered twice. A replay
    /// (the channel sent the activity again) is dropped here when the first delivery got through meanwhile: deliveries
    /// of one conversation run one after another, so by now the first one has ended.
    /// </summary>
    public async Task DeliverAsync(CancellationToken cancellationToken)
    {
        if (_carried is not null)
        {
            // Committed with the turn: the outbox delivers them (and the dispatcher, not this caller, bounds the wait).
            await _carried.WaitAsync(cancellationToken);
            _delivered?.Add(ConversationKey, Inbound.Id);
            return;
        }

        if (_isReplay && _delivered?.Contains(ConversationKey, Inbound.Id) == true)
        {
            return;
        }

        if (_delivery is not null && Replies.Count > 0)
        {
            await _delivery.DeliverAsync(Inbound, Replies, cancellationToken);
        }

        _delivered?.Add(ConversationKey, Inbound.Id);
    }
}
