using Npgsql;
using RefundBot.Bot.Channels.DirectLine;

namespace RefundBot.Bot.ScaleOut;

/// <summary>
/// Listens on the Direct Line backplane channel over one dedicated connection and hands each other instance's new
/// activity to <see cref="DirectLineConversations"/>. The connection is pinged when quiet, so a dead one is noticed, and
/// reopened; the clients connected here then catch up from the store with what they missed meanwhile.
/// </summary>
public sealed partial class PostgresDirectLineListener(
    NpgsqlDataSource dataSource,
    PostgresDirectLineBackplane backplane,
    DirectLineConversations conversations,
    ILogger<PostgresDirectLineListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan QuietPing = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogListenFailed(logger, exception);
                await Task.Delay(ReconnectDelay, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, notification) =>
        {
            if (backplane.Parse(notification.Payload) is var (conversationId, sequence))
            {
                _ = DeliverAsync(conversationId, sequence, stoppingToken);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresDirectLineBackplane.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        await conversations.CatchUpListenersAsync(stoppingToken);
        while (true)
        {
            if (!await connection.WaitAsync(QuietPing, stoppingToken))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteNonQueryAsync(stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(string conversationId, int sequence, CancellationToken cancellationToken)
    {
        try
        {
            await conversations.OnAppendedElsewhereAsync(conversationId, sequence, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogDeliverFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Direct Line backplane connection failed; reconnecting")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An activity announced by another instance could not be pushed to this instance's clients")]
    private static partial void LogDeliverFailed(ILogger logger, Exception exception);
}
