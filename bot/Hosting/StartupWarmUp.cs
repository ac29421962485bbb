using RefundBot.Dialogs.Recognizers;
using RefundBot.Knowledge.Retrieval;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// Builds the policy search index and Microsoft.Recognizers.Text's date, number, duration and currency models (their expressions
/// compile on first use: about a second for a language, seconds for French numbers in words) in the background,
/// shortly after the bot listens (so they do not compete with its first turns for the CPU), so that start-up does not
/// wait for them and customer turns find them ready (a turn that needs one earlier simply waits for it). The date
/// models are made sooner, while the host is built (<see cref="PrepareDateParser"/>): every conversation's first
/// message is read for a date.
/// </summary>
public sealed partial class StartupWarmUp(PolicyIndex index, IHostApplicationLifetime lifetime, ILogger<StartupWarmUp> logger) : IHostedService
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            await Task.Delay(Delay, lifetime.ApplicationStopping);
            WarmUp();
        }, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Builds the date models and reads a first message's kinds of dates on another core; a failure is met again, and reported, on first use.</summary>
    public static void PrepareDateParser() => _ = Task.Run(() =>
    {
        try
        {
            PurchaseDateRecognizer.WarmUp();
        }
        catch (Exception)
        {
            // made again when a turn needs it
        }
    });

    private void WarmUp()
    {
        try
        {
            index.WarmUp();
            QuantityRecognizer.WarmUp();
            MoneyRecognizer.WarmUp();
        }
        catch (Exception exception)
        {
            // Each is built again on first use; a failure there is reported on the turn that needs it.
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming up the policy index, the date parser or the number recognizers failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
