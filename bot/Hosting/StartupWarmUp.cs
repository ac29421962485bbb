using RefundBot.Dialogs.Recognizers;
using RefundBot.Knowledge.Retrieval;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// Builds the policy search index and starts the date parser's V8 engines in the background once the bot listens, so
/// that start-up does not wait for them and the first customer turn usually finds them ready (a turn that needs one
/// earlier simply waits for it).
/// </summary>
public sealed partial class StartupWarmUp(PolicyIndex index, IHostApplicationLifetime lifetime, ILogger<StartupWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(WarmUp, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void WarmUp()
    {
        try
        {
            index.WarmUp();
            _ = ChronoEngines.Instance;
        }
        catch (Exception exception)
        {
            // Each is built again on first use; a failure there is reported on the turn that needs it.
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming up the policy index or the date parser failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
