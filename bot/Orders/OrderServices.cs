using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Refund;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.Orders;

public static class OrderServices
{
    /// <summary>Registers the order directory chosen by "Orders:Provider".</summary>
    public static void AddOrderDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OrderOptions>(configuration.GetSection(OrderOptions.Section));
        var provider = configuration[$"{OrderOptions.Section}:Provider"] ?? "Sample";
        switch (provider.ToLowerInvariant())
        {
            case "sample":
                services.AddSingleton<SampleOrderBook>();
                services.AddSingleton<IOrderDirectory>(sp => sp.GetRequiredService<SampleOrderBook>());
                services.AddHostedService<SampleOrderSeeder>();
                break;
            case "http":
                services.AddHttpClient<IOrderDirectory, HttpOrderDirectory>()
                    .AddStandardResilienceHandler(resilience =>
                    {
                        var attempt = configuration.GetSection($"{OrderOptions.Section}:Http").Get<HttpOrderOptions>()?.AttemptTimeout ?? TimeSpan.FromSeconds(3);
                        resilience.AttemptTimeout.Timeout = attempt;
                        resilience.Retry.MaxRetryAttempts = 2;
                        resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                        resilience.CircuitBreaker.SamplingDuration = attempt * 2 + TimeSpan.FromSeconds(1);
                        resilience.TotalRequestTimeout.Timeout = attempt * 3 + TimeSpan.FromSeconds(2);
                    });
                break;
            case "none":
                services.AddSingleton<IOrderDirectory, NoOrderDirectory>();
                break;
            default:
                throw new InvalidOperationException($"Unknown Orders:Provider '{provider}'. Use Sample, Http or None.");
        }
    }

    /// <summary>Seeds the demo order book at start-up.</summary>
    private sealed class SampleOrderSeeder(SampleOrderBook book, PolicyCatalog policies) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            book.SeedAsync(SampleOrderBook.SeedFile,
                policyId => TimeZoneInfo.FindSystemTimeZoneById(policies.Find(policyId)?.TimeZone ?? "UTC"), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
