namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// The one way into a conversation for what does not come from its channel (the agent desk, follow-ups, the hand-off
/// monitor): the host's per-conversation queue, so that such a turn is ordered with the customer's own turns.
/// </summary>
public interface ITurnEntrance
{
    /// <returns>False when the bot is shutting down and the turn did not run.</returns>
    Task<bool> RunAsync(Activity activity, IReplyDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>Without a host's queue (the dialog tests, tools): the turn runs at once, on the caller.</summary>
internal sealed class DirectTurnEntrance(TurnProcessor processor) : ITurnEntrance
{
    public async Task<bool> RunAsync(Activity activity, IReplyDelivery delivery, CancellationToken cancellationToken)
    {
        await processor.ProcessAsync(activity, delivery, cancellationToken);
        return true;
    }
}
