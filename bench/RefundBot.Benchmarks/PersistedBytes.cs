using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.Orders;
using RefundBot.Bot.Storage;
using RefundBot.Dialogs;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;

/// <summary>
/// What one conversation leaves in storage after a full refund flow (the MaSécurité example: intake, confirmation,
/// case, decision): its JSON documents (the state with its transcript, the case), the same as the LiteDB store keeps
/// them (Brotli), and the LiteDB file's growth over many such conversations. Prints one JSON line for bench/run.
/// </summary>
internal static class PersistedBytes
{
    private static readonly string[] Flow = ["refund for order MS-1001, it does not work", "yes", "Withdrawing and getting my money back"];

    public static async Task RunAsync(int conversations)
    {
        var directory = Directory.CreateTempSubdirectory("refundbot-persisted-").FullName;
        var file = Path.Combine(directory, "bot.db");
        var catalog = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));
        using (var store = new LiteDbDocumentStore(file))
        {
            var services = BenchConversation.Services(store, catalog)
                .AddSingleton<SampleOrderBook>()
                .AddSingleton<IOrderDirectory>(sp => sp.GetRequiredService<SampleOrderBook>())
                .AddRefundConversation()
                .BuildServiceProvider();
            await services.GetRequiredService<SampleOrderBook>().SeedAsync(SampleOrderBook.SeedFile,
                id => TimeZoneInfo.FindSystemTimeZoneById(catalog.Find(id)?.TimeZone ?? "UTC"), CancellationToken.None);
            var before = await SizeAsync(store);
            var sizeBefore = new FileInfo(file).Length;
            var turns = services.GetRequiredService<TurnProcessor>();
            for (var i = 0; i < conversations; i++)
            {
                foreach (var (text, step) in Flow.Select((t, s) => (t, s)))
                {
                    await turns.ProcessAsync(BenchConversation.Message($"persisted-{i}", step, text), new BenchConversation.CountingDelivery(), CancellationToken.None);
                }
            }

            var after = await SizeAsync(store);
            store.Dispose();
            var decided = (await new LiteDbDocumentStore(file).ListAsync("cases/")).Count;
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                label = "refundbot-litedb",
                conversations,
                cases = decided,
                jsonBytesPerConversation = (after.Json - before.Json) / conversations,
                storedBytesPerConversation = (after.Stored - before.Stored) / conversations,
                fileBytesPerConversation = (new FileInfo(file).Length - sizeBefore) / conversations,
            }));
        }

        Directory.Delete(directory, recursive: true);
    }

    /// <summary>The UTF-8 JSON bytes of every document, and the same compressed as the LiteDB store writes them.</summary>
    private static async Task<(long Json, long Stored)> SizeAsync(IDocumentStore store)
    {
        long json = 0, stored = 0;
        string[] prefixes = ["bench/", "cases/", "transcripts/"];
        foreach (var document in (await Task.WhenAll(prefixes.Select(p => store.ListAsync(p)))).SelectMany(d => d))
        {
            var utf8 = Encoding.UTF8.GetBytes(document.Json);
            var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(utf8.Length)];
            BrotliEncoder.TryCompress(utf8, buffer, out var written, quality: 1, window: 22);
            json += utf8.Length;
            stored += written + document.Key.Length + document.ETag.Length;
        }

        return (json, stored);
    }
}
