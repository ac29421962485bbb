using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Privacy;

namespace RefundBot.Bot.Privacy;

/// <summary>
/// Runs <see cref="TranscriptRetention"/> every Privacy:RetentionCheckInterval, deleting what was said more than
/// Privacy:TranscriptRetention ago. With several instances each runs it; the deletes are idempotent and ETag-checked.
/// </summary>
public sealed partial class TranscriptRetentionService(
    TranscriptRetention retention, TimeProvider clock, IOptions<PrivacyOptions> options, ILogger<TranscriptRetentionService> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.TranscriptRetention <= TimeSpan.Zero)
        {
            return;
        }

        // Not at start-up itself: reading the whole store competes with the first customers for the CPU.
        await Task.Delay(FirstRunDelay, clock, stoppingToken);
        using var timer = new PeriodicTimer(settings.RetentionCheckInterval, clock);
        do
        {
            try
            {
                await retention.PurgeAsync(clock.GetUtcNow() - settings.TranscriptRetention, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The transcript retention run failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
