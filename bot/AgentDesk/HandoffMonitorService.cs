using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Handoff;

namespace RefundBot.Bot.AgentDesk;

/// <summary>Runs <see cref="HandoffDesk.RunDueAsync"/> in the background: long waits are told, absent agents' conversations requeued.</summary>
public sealed partial class HandoffMonitorService(
    HandoffDesk desk, TimeProvider clock, IOptions<HandoffOptions> options, ILogger<HandoffMonitorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await desk.RunDueAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The hand-off check failed; it runs again at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
