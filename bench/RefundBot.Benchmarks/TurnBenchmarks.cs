using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
        _services = new ServiceCollection()
            .AddSingleton(store)
            .AddSingleton(PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<IReplyChannels, NoChannels>()
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
        var delivery = new CountingDelivery();
        for (var i = 0; i < Inputs.Length; i++)
        {
            await _turns.ProcessAsync(Message(conversation, i), delivery, CancellationToken.None);
        }

        return delivery.Replies;
    }

    private static Activity Message(string conversation, int turn) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"{conversation}-{turn}",
        Text = Inputs[turn],
        Locale = "en-US",
        ChannelId = "bench",
        LocalTimezone = "Europe/Paris",
        Conversation = new ConversationAccount { Id = conversation },
        From = new ChannelAccount { Id = "customer", Role = "user" },
        Recipient = new ChannelAccount { Id = "refundbot", Role = "bot" },
        ChannelData = JsonSerializer.SerializeToElement(new { policy = "masecurite" }),
    };

    private sealed class CountingDelivery : IReplyDelivery
    {
        public int Replies { get; private set; }

        public Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
        {
            Replies += replies.Count;
            return Task.CompletedTask;
        }
    }

    private sealed class NoChannels : IReplyChannels
    {
        public IReplyDelivery For(ConversationReference reference) => throw new InvalidOperationException("No proactive messages here.");
    }
}
