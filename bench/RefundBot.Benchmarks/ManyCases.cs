using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.Storage;
using RefundBot.Dialogs;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;

/// <summary>
/// "Many cases": the same turns and follow-up rounds over a LiteDB file holding 1,000 and then 200,000 stored cases
/// (seeded straight into the store: cases are kept for ever, and 1% of them wait on a follow-up still to come). Turn
/// p50/p99 (the 4-turn intake, in process) and the follow-up round's time should not depend on the number of cases,
/// since the round reads only the follow-ups due, through the store's index. For comparison, the time to list every
/// case, as the round did before. Prints one JSON line per case count.
/// </summary>
internal static class ManyCases
{
    private static readonly string[] Inputs = ["hi", "A-1234", "yesterday", "it doesn't work"];

    public static async Task RunAsync(IReadOnlyList<int> caseCounts, int conversations, int rounds)
    {
        var catalog = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));
        foreach (var count in caseCounts)
        {
            var directory = Directory.CreateTempSubdirectory("refundbot-many-cases-").FullName;
            try
            {
                using var store = new LiteDbDocumentStore(Path.Combine(directory, "bot.db"));
                var seeding = Stopwatch.StartNew();
                await SeedAsync(store, count);
                seeding.Stop();
                await using var services = BenchConversation.Services(store, catalog).AddRefundConversation().BuildServiceProvider();
                var turns = services.GetRequiredService<TurnProcessor>();
                var scheduler = services.GetRequiredService<FollowUpScheduler>();

                for (var c = 0; c < 50; c++) // warm-up (JIT, LiteDB's page cache), not measured
                {
                    for (var i = 0; i < Inputs.Length; i++)
                    {
                        await turns.ProcessAsync(BenchConversation.Message($"warm-{c}", i, Inputs[i]), new BenchConversation.CountingDelivery(), CancellationToken.None);
                    }
                }

                var latencies = new List<double>();
                for (var c = 0; c < conversations; c++)
                {
                    for (var i = 0; i < Inputs.Length; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        await turns.ProcessAsync(BenchConversation.Message($"many-{c}", i, Inputs[i]), new BenchConversation.CountingDelivery(), CancellationToken.None);
                        latencies.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                var polls = new List<double>();
                for (var r = 0; r < rounds; r++)
                {
                    var watch = Stopwatch.StartNew();
                    await scheduler.RunDueAsync(DateTimeOffset.UtcNow, _ => new BenchConversation.CountingDelivery(), CancellationToken.None);
                    polls.Add(watch.Elapsed.TotalMilliseconds);
                }

                var heap = GC.GetTotalMemory(forceFullCollection: true);
                var scan = Stopwatch.StartNew();
                var listed = (await store.ListAsync("cases/")).Count;
                scan.Stop();
                latencies.Sort();
                polls.Sort();
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    label = "many-cases",
                    cases = count,
                    seedSeconds = Math.Round(seeding.Elapsed.TotalSeconds, 1),
                    turns = latencies.Count,
                    turnP50Ms = Math.Round(Percentile(latencies, 0.50), 2),
                    turnP99Ms = Math.Round(Percentile(latencies, 0.99), 2),
                    followUpRoundMedianMs = Math.Round(Percentile(polls, 0.50), 2),
                    followUpRoundMaxMs = Math.Round(polls[^1], 2),
                    listEveryCaseMs = Math.Round(scan.Elapsed.TotalMilliseconds, 0),
                    listed,
                    rememberedETags = store.RememberedETags,
                    managedHeapMB = Math.Round(heap / 1048576.0, 0), // before the listing, which fills LiteDB's page cache
                }));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>Cases as the bot records them, written in parallel so that the store's group commit batches them.</summary>
    private static async Task SeedAsync(IDocumentStore store, int count)
    {
        var now = DateTimeOffset.UtcNow;
        const int parallel = 256;
        for (var start = 0; start < count; start += parallel)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(parallel, count - start)).Select(i =>
            {
                var waiting = i % 100 == 0; // 1% wait on a follow-up, due in two days
                var refundCase = new RefundCase
                {
                    Id = $"RB-{i:D8}", ConversationKey = $"seed/conversations/{i}", CreatedAt = now.AddDays(-i % 365), Language = "en",
                    OrderId = $"A-{i:D6}", PurchaseDate = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-10)), Reason = "it does not work",
                    ReasonCategory = "defective", Status = waiting ? CaseStatus.WaitingForSupport : CaseStatus.Decided,
                    WaitingUntil = waiting ? now.AddDays(2) : null,
                    Reference = new ConversationReference("seed", null, new ConversationAccount { Id = i.ToString() }, null, null, "en-US"),
                };
                return store.WriteAsync($"cases/{refundCase.Id}", JsonSerializer.Serialize(refundCase, ActivityJson.Options), ETags.Any);
            }));
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
