namespace RefundBot.Bot.PolicyStudio;

/// <summary>
/// Serves on this instance what was published from the business console on any: at start, before the bot takes a
/// turn, and then every <c>PolicyStudio:PollSeconds</c> (5 by default). A store that does not answer is tried again
/// at the next tick; the versions served meanwhile stay as they were.
/// </summary>
public sealed partial class LivePolicyWatcher(LivePolicies live, IConfiguration configuration, ILogger<LivePolicyWatcher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await live.ApplyAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("PolicyStudio:PollSeconds", 5))));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await live.ApplyAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The published policy versions could not be read; tried again at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
