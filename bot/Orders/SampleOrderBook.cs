using System.Globalization;
using System.Text.Json;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Orders;

/// <summary>
/// The embedded demo order book: a few orders per policy (SampleData/sample-orders.json), kept in the bot's store
/// under "orders/{policyId}/{orderId}". Seeding runs at every start and dates the orders relative to that day, so
/// "bought 10 days ago" stays true for a demo whenever it is run.
/// </summary>
public sealed class SampleOrderBook(IDocumentStore store, TimeProvider clock) : IOrderDirectory
{
    public static readonly string SeedFile = Path.Combine(AppContext.BaseDirectory, "SampleData", "sample-orders.json");

    public async Task<OrderRecord?> FindAsync(string policyId, string orderId, CancellationToken cancellationToken) =>
        await store.ReadAsync(Key(policyId, orderId), cancellationToken) is { } document
            ? JsonSerializer.Deserialize<OrderRecord>(document.Json, ActivityJson.Options)
            : null;

    /// <summary>Writes the demo orders, each dated in its policy's time zone (<paramref name="zoneOf"/>).</summary>
    public async Task SeedAsync(string seedFile, Func<string, TimeZoneInfo> zoneOf, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(seedFile);
        var seeds = await JsonSerializer.DeserializeAsync<List<SampleOrder>>(stream, ActivityJson.Options, cancellationToken) ?? [];

        // Written all at once: a store that commits in batches writes them in one commit (a shorter start-up).
        await Task.WhenAll(seeds.Select(seed =>
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zoneOf(seed.PolicyId)).DateTime);
            var record = new OrderRecord(seed.OrderId, seed.PolicyId, today.AddDays(-seed.PurchasedDaysAgo),
                seed.PurchaseTime is { } time ? TimeOnly.Parse(time, CultureInfo.InvariantCulture) : null, seed.Facts) { Payment = seed.Payment };
            return store.WriteAsync(Key(seed.PolicyId, seed.OrderId), JsonSerializer.Serialize(record, ActivityJson.Options), ETags.Any, cancellationToken);
        }));
    }

    private static string Key(string policyId, string orderId) => $"orders/{policyId}/{orderId.ToUpperInvariant()}";

    private sealed record SampleOrder(string OrderId, string PolicyId, int PurchasedDaysAgo, string? PurchaseTime, Dictionary<string, string> Facts, string? Note, OrderPayment? Payment = null);
}
