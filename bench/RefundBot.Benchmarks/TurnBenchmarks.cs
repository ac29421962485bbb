using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.Storage;
using RefundBot.Dialogs;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;

/// <summary>
/// Dialog turns in process, with their state loaded and saved: the 4-turn refund intake (order ID → purchase date →
/// reason → summary) of a new conversation each time, over the in-memory store and over the LiteDB file. The mean is
/// per turn.
/// </summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private static readonly string[] Inputs = ["hi", "A-1234", "yesterday", "it doesn't work"];
    private readonly string _directory = Directory.CreateTempSubdirectory("refundbot-turns-").FullName;
    private TurnProcessor _turns = null!;
    private ServiceProvider _services = null!;
    private int _conversation;

    [Params("memory", "litedb")]
    public string Store { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        IDocumentStore store = Store == "litedb" ? new LiteDbDocumentStore(Path.Combine(_directory, "turns.db")) : new MemoryDocumentStore();
        _services = BenchConversation.Services(store, PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")))
            .AddRefundConversation()
            .BuildServiceProvider();
        _turns = _services.GetRequiredService<TurnProcessor>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_services.GetRequiredService<IDocumentStore>() as IDisposable)?.Dispose();
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = 4)]
    public async Task<int> IntakeTurn()
    {
        var conversation = $"bench-{Interlocked.Increment(ref _conversation)}";
        var delivery = new BenchConversation.CountingDelivery();
        for (var i = 0; i < Inputs.Length; i++)
        {
            await _turns.ProcessAsync(BenchConversation.Message(conversation, i, Inputs[i]), delivery, CancellationToken.None);
        }

        return delivery.Replies;
    }
}
