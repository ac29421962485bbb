using Microsoft.Extensions.Diagnostics.HealthChecks;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Hosting;

/// <summary>Ready means the store answers: a read of a document that need not exist, within a few seconds.</summary>
public sealed class StorageHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await store.ReadAsync("health/ready", timeout.Token).WaitAsync(timeout.Token);
            return HealthCheckResult.Healthy("The store answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", exception);
        }
    }
}
