namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// What a turn has to say, and how it reaches the channel. A committed turn's replies are outbox records, already on
/// their way: delivering them here is waiting for the outbox (<c>carried</c>). Only an apology for a failed turn, which
/// committed nothing, is delivered directly.
/// </summary>
public sealed class TurnReplies
{
    private readonly IReplyDelivery? _delivery;
    private readonly Task? _carried;

    internal TurnReplies(string conversationKey, Activity inbound, IReadOnlyList<Activity> replies, IReplyDelivery? delivery, Task? carried = null)
    {
        ConversationKey = conversationKey;
        Inbound = inbound;
        Replies = replies;
        _delivery = delivery;
        _carried = carried;
    }

    /// <summary>The conversation's state key: deliveries of one conversation go out in the order of its turns.</summary>
    public string ConversationKey { get; }

    public Activity Inbound { get; }

    public IReadOnlyList<Activity> Replies { get; }

    internal static TurnReplies None(string conversationKey, Activity inbound) => new(conversationKey, inbound, [], null);

    /// <summary>Ends once the replies are out (or, for a committed turn, once the outbox has carried them out or given up).</summary>
    public async Task DeliverAsync(CancellationToken cancellationToken)
    {
        if (_carried is not null)
        {
            await _carried.WaitAsync(cancellationToken);
        }
        else if (_delivery is not null && Replies.Count > 0)
        {
            await _delivery.DeliverAsync(Inbound, Replies, cancellationToken);
        }
    }
}
