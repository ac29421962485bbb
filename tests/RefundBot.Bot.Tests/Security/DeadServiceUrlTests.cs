using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// One client cannot stall everyone. Reproduces the report: posts to /api/messages naming a serviceUrl that accepts
/// connections and never answers held every turn worker in its delivery, and a Web Chat customer waited minutes.
/// </summary>
public sealed class DeadServiceUrlTests : IAsyncLifetime
{
    private const string Secret = "dead-service-url-secret";
    private const int Flood = 200; // distinct conversations, under every rate limit
    private const int PerDestination = 8; // Outbox:ConcurrencyPerDestination
    private readonly SilentListener _dead = new();
    private FakeChannel _live = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _live = await FakeChannel.StartAsync();
        _bot = new BotUnderTest(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Memory", ["DirectLine:Secret"] = Secret,
                ["Outbox:ConcurrencyPerDestination"] = PerDestination.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .WithServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1)));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _live.DisposeAsync();
        _dead.Dispose();
    }

    [Fact]
    public async Task Two_hundred_deliveries_pending_to_a_dead_service_url_do_not_delay_another_service_urls_conversation()
    {
        await _bot.PostAsync(EmulatorActivities.Message(_live, "warm-up", "hi", "w1")); // the bot's first turn, JIT and connection included
        _live.DrainReplies();
        var flood = Flood200();
        await _dead.WaitForConnectionsAsync(PerDestination, TimeSpan.FromSeconds(30));

        await Task.Delay(500); // the flood's turns are handled; their deliveries wait on the dead channel
        var clock = Stopwatch.StartNew();
        var posted = await _bot.PostAsync(EmulatorActivities.Message(_live, "alive", "hi", "a1"));
        while ((await _live.NextReplyAsync(TimeSpan.FromSeconds(5))).Text?.StartsWith("What is your order ID?", StringComparison.Ordinal) != true)
        {
        }

        var answered = clock.Elapsed;

        Assert.True(posted.IsSuccessStatusCode);
        Assert.True(answered < TimeSpan.FromSeconds(1), $"the live channel's reply came after {answered.TotalSeconds:0.0} s");
        Assert.InRange(_dead.Count, PerDestination, 3 * PerDestination); // the dead one gets its limit at a time, not a worker each
        Assert.All(flood, post => Assert.False(post.IsCompletedSuccessfully && post.Result.IsSuccessStatusCode, "a dead channel's post was answered as delivered"));
    }

    private List<Task<HttpResponseMessage>> Flood200() => [.. Enumerable.Range(0, Flood).Select(i => _bot.PostAsync(new
    {
        type = "message", id = "m1", text = "hello", channelId = "emulator", serviceUrl = _dead.Url,
        from = new { id = "user" }, recipient = new { id = "bot" }, conversation = new { id = $"flood-{i}" },
    }))];

    [Fact]
    public async Task A_flood_of_posts_with_a_dead_service_url_leaves_web_chat_answered_at_once()
    {
        var flood = Flood200();
        await _dead.WaitForConnectionsAsync(PerDestination, TimeSpan.FromSeconds(30)); // as many as the outbox lets one destination have

        var http = _bot.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        var started = await (await http.PostAsync("/v3/directline/conversations", null)).Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = started.GetProperty("conversationId").GetString()!;
        var clock = Stopwatch.StartNew();
        var posted = await http.PostAsJsonAsync($"/v3/directline/conversations/{conversationId}/activities",
            new { type = "message", text = "hi", from = new { id = "dl_customer" } });
        var answered = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        // Before, this answer waited for the dead deliveries' timeouts (10 s × 5 attempts each); now it is the turn's own time.
        Assert.True(answered < TimeSpan.FromSeconds(1), $"the Web Chat turn was answered after {answered.TotalSeconds:0.0} s");
        var log = await (await http.GetAsync($"/v3/directline/conversations/{conversationId}/activities")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(log.GetProperty("activities").EnumerateArray(), a => a.GetProperty("text").GetString()?.StartsWith("What is your order ID?") == true);
        Assert.All(flood, post => Assert.False(post.IsCompletedSuccessfully && post.Result.IsSuccessStatusCode, "a dead channel's post was answered as delivered"));
    }

    /// <summary>A loopback port that accepts connections and never says a word.</summary>
    private sealed class SilentListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _accepted = [];
        private readonly CancellationTokenSource _stop = new();

        public SilentListener()
        {
            _listener.Start(backlog: 1024);
            Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _ = AcceptAsync();
        }

        public string Url { get; }

        public async Task WaitForConnectionsAsync(int count, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (Count < count)
            {
                Assert.True(deadline.Elapsed < timeout, $"only {Count} deliveries reached the dead channel");
                await Task.Delay(50);
            }
        }

        public int Count
        {
            get
            {
                lock (_accepted)
                {
                    return _accepted.Count;
                }
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    lock (_accepted)
                    {
                        _accepted.Add(socket);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_accepted)
            {
                _accepted.ForEach(s => s.Dispose());
            }
        }
    }
}
