using RefundBot.Dialogs.Recognizers;
using RefundBot.Knowledge.Retrieval;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// Builds the policy search index and Microsoft.Recognizers.Text's date, number, duration and currency models (their expressions
/// compile on first use: about a second for a language, seconds for French numbers in words) in the background,
/// shortly after the bot listens (so they do not compete with its start-up or its first turns for the CPU), so that
/// start-up does not wait for them and customer turns find them ready (a turn that needs one earlier simply waits for
/// it). The date models come first: a first message that names a day is read with them. One that names none ("hi")
/// never needs them (<c>dates.json</c> "cues"), so the first reply waits for no model. Built while the host was built,
/// as before, they made the bot listen about twice as late on a busy two-core machine (bench/RESULTS.md).
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

    private void WarmUp()
    {
        try
        {
            PurchaseDateRecognizer.WarmUp();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming up the date recognizer, the policy index or the number recognizers failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
