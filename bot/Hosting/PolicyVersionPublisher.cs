using RefundBot.Dialogs.Cases;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// Saves the version of each policy served to the store at start, when the store does not have it (<see cref="PolicyVersions"/>),
/// before the bot takes turns: every decision it makes names a version the store keeps.
/// </summary>
public sealed class PolicyVersionPublisher(PolicyVersions versions) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => versions.PublishAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
