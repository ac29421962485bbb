using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefundBot.Bot.Orders;
using RefundBot.Dialogs.Refund;

namespace RefundBot.Bot.Tests;

/// <summary>The connector to a business's own order API: found, not found, retried, and never a failed turn.</summary>
public sealed class HttpOrderDirectoryTests : IAsyncLifetime
{
    private WebApplication _api = null!;
    private int _flakyCalls;
    private string? _lastApiKey;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _api = builder.Build();
        _api.MapGet("/orders/{policyId}/{orderId}", (string policyId, string orderId, HttpRequest request) =>
        {
            _lastApiKey = request.Headers["X-Api-Key"];
            return orderId switch
            {
                "MS-1" => Results.Json(new { purchaseDate = "2026-03-21", purchaseTime = "09:15", facts = new Dictionary<string, string> { ["plan"] = "annual" } }),
                "FLAKY" when Interlocked.Increment(ref _flakyCalls) == 1 => Results.StatusCode(503),
                "FLAKY" => Results.Json(new { purchaseDate = "2026-03-01" }),
                "DOWN" => Results.StatusCode(500),
                "SLOW" => Results.Json(new { purchaseDate = "2026-03-01" }),
                _ => Results.NotFound(),
            };
        });
        _api.MapGet("/slow/{policyId}/{orderId}", async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            return Results.Json(new { purchaseDate = "2026-03-01" });
        });
        await _api.StartAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_found_order_gives_its_date_time_and_facts_and_sends_the_auth_header()
    {
        var order = await Directory("orders").FindAsync("masecurite", "MS-1", CancellationToken.None);

        Assert.NotNull(order);
        Assert.Equal((new DateOnly(2026, 3, 21), new TimeOnly(9, 15)), (order.PurchaseDate, order.PurchaseTime));
        Assert.Equal("annual", order.Facts["plan"]);
        Assert.Equal("secret-key", _lastApiKey);
    }

    [Fact]
    public async Task An_unknown_order_is_not_found() =>
        Assert.Null(await Directory("orders").FindAsync("masecurite", "NOPE", CancellationToken.None));

    [Fact]
    public async Task A_transient_failure_is_retried()
    {
        var order = await Directory("orders").FindAsync("masecurite", "FLAKY", CancellationToken.None);

        Assert.Equal(new DateOnly(2026, 3, 1), order?.PurchaseDate);
        Assert.Equal(2, _flakyCalls);
    }

    [Theory]
    [InlineData("orders", "DOWN")]
    [InlineData("slow", "ANY")]
    public async Task An_api_that_keeps_failing_or_hangs_counts_as_not_found(string path, string orderId) =>
        Assert.Null(await Directory(path).FindAsync("masecurite", orderId, CancellationToken.None));

    private IOrderDirectory Directory(string path)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orders:Provider"] = "Http",
            ["Orders:Http:UrlTemplate"] = _api.Urls.Single() + "/" + path + "/{policyId}/{orderId}",
            ["Orders:Http:AuthHeaderName"] = "X-Api-Key",
            ["Orders:Http:AuthHeaderValue"] = "secret-key",
            ["Orders:Http:AttemptTimeout"] = "00:00:00.500",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOrderDirectory(configuration);
        return services.BuildServiceProvider().GetRequiredService<IOrderDirectory>();
    }
}
