using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Handoff;

namespace RefundBot.Bot.AgentDesk;

/// <summary>
/// Runs <see cref="HandoffDesk.RunDueAsync"/> in the background: new hand-offs are announced, long waits told, absent
/// agents' conversations requeued. It runs every <see cref="HandoffOptions.CheckInterval"/>, and at once when the queue
/// changes (<see cref="Wake"/>), so a new hand-off is announced without waiting for the next tick.
/// </summary>
public sealed partial class HandoffMonitorService(
    HandoffDesk desk, TimeProvider clock, IOptions<HandoffOptions> options, ILogger<HandoffMonitorService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _wake.WaitAsync(options.Value.CheckInterval, stoppingToken);
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
