using RefundBot.Dialogs;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// Runs <see cref="IndexedPropertiesUpgrade"/> before the bot takes turns (a store already upgraded costs one read), so
/// that the follow-ups, the queue and retention, which read through the store's indexes, find documents saved by
/// earlier versions too.
/// </summary>
public sealed class IndexedPropertiesUpgradeService(IndexedPropertiesUpgrade upgrade) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => upgrade.RunOnceAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
