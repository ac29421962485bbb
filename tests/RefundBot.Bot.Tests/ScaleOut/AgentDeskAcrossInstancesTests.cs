using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using RefundBot.Bot.AgentDesk;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Bot.Tests.ScaleOut;

/// <summary>The agent desk with two instances on one PostgreSQL and the SignalR Redis backplane.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AgentDeskAcrossInstancesTests(LocalPostgres postgres) : IAsyncLifetime
{
    private const string Conversation = "across-instances";
    private readonly LocalRedis _redis = new();
    private FakeChannel _channel = null!;
    private BotUnderTest _a = null!;
    private BotUnderTest _b = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _channel = await FakeChannel.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        _a = Instance(database);
        _b = Instance(database);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _channel.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task An_agent_on_one_instance_sees_and_serves_a_customer_whose_messages_reach_the_other()
    {
        var cookie = await SignInAsync(_a);
        await using var alice = Hub(_a, cookie);
        var queueChanged = Channel.CreateUnbounded<bool>();
        var lines = Channel.CreateUnbounded<TranscriptEntry>();
        alice.On("queueChanged", () => queueChanged.Writer.TryWrite(true));
        alice.On<string, TranscriptEntry[]>("transcript", (_, entries) => Array.ForEach(entries, e => lines.Writer.TryWrite(e)));
        await alice.StartAsync();

        await SayAsync(_b, "hello", replies: 2);
        await SayAsync(_b, "talk to a person", replies: 2);

        await WaitAsync(queueChanged.Reader); // raised on B, heard on A through Redis
        var key = Assert.Single(await alice.InvokeAsync<QueueItem[]>("GetQueue")).ConversationKey;
        await alice.InvokeAsync<ConversationView>("Open", key);
        Assert.Equal("done", await alice.InvokeAsync<string>("Claim", key));
        Assert.Equal("Alice from our support team has joined the conversation.", (await _channel.NextReplyAsync()).Text);

        await SayAsync(_b, "my speaker is broken", replies: 0);
        Assert.Equal("my speaker is broken", (await WaitAsync(lines.Reader, l => l.Role == TranscriptRoles.Customer)).Text);

        // The sign-in cookie issued by A opens the desk on B too (one Data Protection key ring in the database).
        await using var onB = Hub(_b, cookie);
        await onB.StartAsync();
        Assert.Equal("done", await onB.InvokeAsync<string>("Send", key, "Hello from the other instance."));
        Assert.Equal("**Alice:** Hello from the other instance.", (await _channel.NextReplyAsync()).Text);
    }

    private BotUnderTest Instance(string database) => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "PostgreSql",
        ["Storage:PostgreSql"] = database,
        ["ConnectionStrings:Redis"] = _redis.ConnectionString,
        ["AgentDesk:Agents:0:Id"] = "alice",
        ["AgentDesk:Agents:0:DisplayName"] = "Alice",
        ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("alice-secret"),
    });

    private async Task SayAsync(BotUnderTest instance, string text, int replies)
    {
        var activity = EmulatorActivities.Message(_channel, Conversation, text, "m-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Accepted, (await instance.PostAsync(activity)).StatusCode);
        await _channel.RepliesAsync(replies);
    }

    private static async Task<string> SignInAsync(BotUnderTest instance)
    {
        var signIn = await instance.CreateClient().PostAsJsonAsync("/agent/api/login", new { username = "alice", password = "alice-secret" });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        return signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private static HubConnection Hub(BotUnderTest instance, string cookie) => new HubConnectionBuilder()
        .WithUrl(new Uri(instance.Server.BaseAddress, AgentHub.Path), options =>
        {
            options.HttpMessageHandlerFactory = _ => instance.Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
            options.Headers["Cookie"] = cookie;
        })
        .Build();

    private static async Task<T> WaitAsync<T>(ChannelReader<T> reader, Func<T, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var item = await reader.ReadAsync(timeout.Token);
            if (match is null || match(item))
            {
                return item;
            }
        }
    }
}
