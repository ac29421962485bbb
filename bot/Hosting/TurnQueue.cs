using System.Threading.Channels;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// Orders the turns: activities of one conversation always go to the same partition and are handled in the order they
/// arrived; different conversations run in parallel. A channel's request is answered once its turn is handled (state
/// saved, replies delivered), as the Bot Framework SDK does, so an instance that dies mid-turn never has acknowledged it:
/// the channel retries, and the retry is recognised by its activity id. A partition's worker only runs turns: their
/// replies are delivered beside it (<see cref="ConversationDeliveries"/>), in order per conversation, so a channel that
/// is slow or never answers holds up its own conversation and no other. On shutdown, queued turns are finished first.
/// It is the one entrance (<see cref="ITurnEntrance"/>): the agent desk's, the follow-ups' and the hand-off monitor's
/// turns come through it too, ordered with the customer's own. A committed turn's replies are outbox records: what is
/// delivered beside the worker is the wait for the <see cref="Outbox.OutboxDispatcher"/> to carry them out.
/// </summary>
public sealed partial class TurnQueue(TurnProcessor processor, ILogger<TurnQueue> logger) : IHostedService, ITurnEntrance
{
    private readonly ConversationDeliveries _deliveries = new();

    // Many partitions, so that a turn waiting on its storage commit holds up few others, and concurrent conversations'
    // writes reach the store together (the LiteDB store commits them as one batch).
    private readonly Channel<Work>[] _partitions = Enumerable.Range(0, 64)
        .Select(_ => Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true }))
        .ToArray();

    private Task _workers = Task.CompletedTask;

    /// <returns>
    /// True once the turn has been handled (the customer got its replies, or was told it failed); false at once when
    /// the bot is shutting down. Faults when the turn could not be saved (the store is down): the channel is then told
    /// so and sends the activity again.
    /// </returns>
    public Task<bool> HandleAsync(Activity activity, IReplyDelivery delivery)
    {
        var partition = (uint)StateKeys.Conversation(activity).GetHashCode() % (uint)_partitions.Length;
        var work = new Work(activity, delivery);
        return _partitions[partition].Writer.TryWrite(work) ? work.Handled.Task : Task.FromResult(false);
    }

    public async Task<bool> RunAsync(Activity activity, IReplyDelivery delivery, CancellationToken cancellationToken) =>
        await HandleAsync(activity, delivery).WaitAsync(cancellationToken);

    /// <summary>
    /// Runs the turn and gives the channel its answer: <paramref name="handled"/> once it is handled; 503 when the bot is
    /// shutting down or the turn could not be saved, so that the channel sends the activity again.
    /// </summary>
    public Task<IResult> AnswerAsync(Activity activity, IReplyDelivery delivery, Func<IResult> handled) =>
        AnswerAsync(activity, delivery, () => Task.FromResult(handled()));

    /// <summary>
    /// The same with an answer that still has to store something once the turn is handled (what the turn did not
    /// commit): 503 as well when that fails.
    /// </summary>
    public async Task<IResult> AnswerAsync(Activity activity, IReplyDelivery delivery, Func<Task<IResult>> handled)
    {
        try
        {
            return await HandleAsync(activity, delivery) ? await handled() : Unavailable("The bot is shutting down.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Unavailable("The message could not be handled now; send it again."); // logged where it failed
        }
    }

    private static IResult Unavailable(string title) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = Task.WhenAll(_partitions.Select(p => Task.Run(() => RunAsync(p.Reader), CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var partition in _partitions)
        {
            partition.Writer.TryComplete();
        }

        await _workers.WaitAsync(cancellationToken);
        await _deliveries.DrainAsync(cancellationToken);
    }

    private async Task RunAsync(ChannelReader<Work> reader)
    {
        await foreach (var work in reader.ReadAllAsync())
        {
            TurnReplies replies;
            try
            {
                replies = await processor.CommitAsync(work.Activity, work.Delivery, CancellationToken.None);
            }
            catch (Exception exception)
            {
                LogTurnFailed(logger, exception, work.Activity.ChannelId, work.Activity.Type);
                work.Handled.TrySetException(exception);
                continue;
            }

            _deliveries.Enqueue(replies.ConversationKey, () => DeliverAsync(replies, work));
        }
    }

    private async Task DeliverAsync(TurnReplies replies, Work work)
    {
        try
        {
            await replies.DeliverAsync(_deliveries.Stopping);
            work.Handled.TrySetResult(true);
        }
        catch (Exception exception)
        {
            // Not committed (a replay or a failed turn's apology, delivered directly): the channel is answered 503 and
            // sends the activity again. A committed turn's replies never fail here: the outbox carries them out.
            LogDeliveryFailed(logger, exception, work.Activity.ChannelId, work.Activity.Type);
            work.Handled.TrySetException(exception);
        }
    }

    private sealed record Work(Activity Activity, IReplyDelivery Delivery)
    {
        public TaskCompletionSource<bool> Handled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ChannelId} {ActivityType} turn failed; the conversation keeps its last saved state")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? channelId, string? activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The replies of a {ChannelId} {ActivityType} turn could not be delivered; the channel is asked to send it again")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string? channelId, string? activityType);
}
