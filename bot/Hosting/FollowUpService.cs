using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Hosting;

/// <summary>How often the bot looks for troubleshooting windows that have ended ("FollowUps" section).</summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUps";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs <see cref="FollowUpScheduler"/> in the background, delivering each follow-up on the channel the customer used
/// (<see cref="ReplyChannels"/>). Restart-safe, since the scheduler reads the deadlines from the case store.
/// </summary>
public sealed partial class FollowUpService(
    FollowUpScheduler scheduler, IReplyChannels channels, TimeProvider clock, IOptions<FollowUpOptions> options, ILogger<FollowUpService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                await scheduler.RunDueAsync(clock.GetUtcNow(), channels.For, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The follow-up round failed; it runs again at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
