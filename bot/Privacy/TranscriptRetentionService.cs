using Microsoft.Extensions.Options;
using RefundBot.Bot.Channels.DirectLine;
using RefundBot.Dialogs.Privacy;

namespace RefundBot.Bot.Privacy;

/// <summary>
/// Runs <see cref="TranscriptRetention"/> every Privacy:RetentionCheckInterval, deleting what was said more than
/// Privacy:TranscriptRetention ago, and removes the Direct Line conversations idle for
/// DirectLine:IdleConversationLifetime (<see cref="DirectLineIdleConversations"/>). With several instances each runs
/// it; the deletes are idempotent and ETag-checked.
/// </summary>
public sealed partial class TranscriptRetentionService(
    TranscriptRetention retention, DirectLineIdleConversations idleConversations, TimeProvider clock, IOptions<PrivacyOptions> options,
    IOptions<DirectLineOptions> directLine, ILogger<TranscriptRetentionService> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.TranscriptRetention <= TimeSpan.Zero && directLine.Value.IdleConversationLifetime <= TimeSpan.Zero)
        {
            return;
        }

        // Not at start-up itself: reading the whole store competes with the first customers for the CPU.
        await Task.Delay(FirstRunDelay, clock, stoppingToken);
        using var timer = new PeriodicTimer(options.Value.RetentionCheckInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One run of the job: transcripts past their retention, then idle Direct Line conversations.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (options.Value.TranscriptRetention > TimeSpan.Zero)
        {
            await retention.PurgeAsync(now - options.Value.TranscriptRetention, cancellationToken);
        }

        await idleConversations.RemoveAsync(now, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The transcript retention run failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
