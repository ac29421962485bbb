using System.Threading.Channels;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// Runs turns in the background so a channel gets its 202 at once. Activities of one conversation always go to the
/// same partition and are handled in the order they arrived; different conversations run in parallel.
/// On shutdown, turns already accepted are finished before the host stops.
/// </summary>
public sealed partial class TurnQueue(TurnProcessor processor, ILogger<TurnQueue> logger) : IHostedService
{
    // Many partitions, so that a turn waiting on its storage commit holds up few others, and concurrent conversations'
    // writes reach the store together (the LiteDB store commits them as one batch).
    private readonly Channel<Work>[] _partitions = Enumerable.Range(0, 64)
        .Select(_ => Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true }))
        .ToArray();

    private Task _workers = Task.CompletedTask;

    public bool TryEnqueue(Activity activity, IReplyDelivery delivery)
    {
        var partition = (uint)StateKeys.Conversation(activity).GetHashCode() % (uint)_partitions.Length;
        return _partitions[partition].Writer.TryWrite(new Work(activity, delivery));
    }

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
    }

    private async Task RunAsync(ChannelReader<Work> reader)
    {
        await foreach (var work in reader.ReadAllAsync())
        {
            try
            {
                await processor.ProcessAsync(work.Activity, work.Delivery, CancellationToken.None);
            }
            catch (Exception exception)
            {
                LogTurnFailed(logger, exception, work.Activity.ChannelId, work.Activity.Type);
            }
        }
    }

    private sealed record Work(Activity Activity, IReplyDelivery Delivery);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ChannelId} {ActivityType} turn failed; the conversation keeps its last saved state")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? channelId, string? activityType);
}
