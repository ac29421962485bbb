using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests;

/// <summary>The bot's own Direct Line 3.0: tokens, conversations, activities and watermarks, the WebSocket stream.</summary>
public sealed class DirectLineTests : IAsyncLifetime
{
    private const string Secret = DirectLineClient.Secret;
    private BotUnderTest _bot = null!;
    private HttpClient _http = null!;
    private DirectLineClient _client = null!;

    public Task InitializeAsync()
    {
        _bot = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["DirectLine:Secret"] = Secret,
            ["DirectLine:AllowedOrigins:0"] = "https://shop.example",
        });
        _http = _bot.CreateClient();
        _client = new DirectLineClient(_http);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_token_is_generated_from_the_secret_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", "not-the-secret")).StatusCode);

        var generated = await DirectLineClient.JsonAsync(await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", Secret, new { user = new { id = "dl_customer-7" } }));

        Assert.NotEmpty(generated.GetProperty("conversationId").GetString()!);
        Assert.Equal(1800, generated.GetProperty("expires_in").GetInt32());
        var token = generated.GetProperty("token").GetString()!;
        Assert.Contains("\"user\":\"dl_customer-7\"", Encoding.UTF8.GetString(Convert.FromBase64String(Pad(token.Split('.')[1]))));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token)).StatusCode);
    }

    [Fact]
    public async Task A_conversation_starts_once_greets_and_keeps_every_activity_by_watermark()
    {
        var (conversationId, token) = await NewConversationAsync();
        var started = await _client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.StartsWith("ws://", (await DirectLineClient.JsonAsync(started)).GetProperty("streamUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token)).StatusCode);

        var welcome = await _client.WaitForActivitiesAsync(conversationId, token, count: 1);
        Assert.StartsWith("Hi, I'm the ", welcome[0].GetProperty("text").GetString());

        var posted = await DirectLineClient.JsonAsync(await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, DirectLineClient.Message("hello", "client-1")));
        Assert.Equal($"{conversationId}|0000002", posted.GetProperty("id").GetString());

        var all = await _client.WaitForActivitiesAsync(conversationId, token, count: 3);
        Assert.Equal("hello", all[1].GetProperty("text").GetString());
        Assert.Equal("client-1", all[1].GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.StartsWith("What is your order ID?", all[2].GetProperty("text").GetString());

        var later = await DirectLineClient.JsonAsync(await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark=2", token));
        Assert.Equal(1, later.GetProperty("activities").GetArrayLength());
        Assert.Equal("3", later.GetProperty("watermark").GetString());
    }

    [Fact]
    public async Task A_token_cannot_reach_another_conversation()
    {
        var (first, _) = await NewConversationAsync();
        var (_, otherToken) = await NewConversationAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{first}/activities", otherToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{first}/activities", otherToken, DirectLineClient.Message("hi"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{first}", otherToken)).StatusCode);
    }

    [Fact]
    public async Task Missing_unknown_and_forged_credentials_are_refused()
    {
        var (conversationId, token) = await NewConversationAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(HttpMethod.Get, "/v3/directline/conversations/nope/activities", Secret)).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_cannot_be_refreshed()
    {
        await using var shortLived = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["DirectLine:Secret"] = Secret,
            ["DirectLine:TokenLifetime"] = "00:00:04", // long enough for a slow machine to refresh it first
        });
        _http = shortLived.CreateClient();
        _client = new DirectLineClient(_http);
        var (conversationId, token) = await NewConversationAsync();
        var refreshed = await DirectLineClient.JsonAsync(await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token));
        Assert.Equal(conversationId, refreshed.GetProperty("conversationId").GetString());

        await Task.Delay(TimeSpan.FromSeconds(4.5));

        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token)).StatusCode);
    }

    [Fact]
    public async Task The_stream_pushes_each_activity_and_a_reconnect_replays_what_was_missed()
    {
        var (conversationId, token) = await NewConversationAsync();
        var streamUrl = (await DirectLineClient.JsonAsync(await _client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token))).GetProperty("streamUrl").GetString()!;
        using var socket = await ConnectAsync(streamUrl);

        Assert.StartsWith("Hi, I'm the ", (await ReceiveAsync(socket))[0].GetProperty("text").GetString());
        await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, DirectLineClient.Message("hello"));
        var echo = await ReceiveAsync(socket);
        Assert.Equal("hello", echo[0].GetProperty("text").GetString());
        Assert.Equal($"{conversationId}|0000002", echo[0].GetProperty("id").GetString());
        Assert.StartsWith("What is your order ID?", (await ReceiveAsync(socket))[0].GetProperty("text").GetString());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, DirectLineClient.Message("A-1234"));
        await _client.WaitForActivitiesAsync(conversationId, token, count: 5);
        var reconnect = await DirectLineClient.JsonAsync(await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=3", token));
        using var again = await ConnectAsync(reconnect.GetProperty("streamUrl").GetString()!);

        var missed = await ReceiveAsync(again);
        Assert.Equal(["A-1234", "When did you buy it?"], missed.Select(a => a.GetProperty("text").GetString()![..Math.Min(20, a.GetProperty("text").GetString()!.Length)]));
    }

    [Fact]
    public async Task The_chat_page_token_endpoint_starts_a_conversation_in_the_sites_policy_and_language()
    {
        var issued = await DirectLineClient.JsonAsync(await _http.PostAsJsonAsync("/api/chat/token", new { policy = "smarters-pro", locale = "fr-FR" }));
        Assert.Equal("Abonnements Smarters Pro", issued.GetProperty("business").GetString());
        var conversationId = issued.GetProperty("conversationId").GetString()!;
        var token = issued.GetProperty("token").GetString()!;

        await _client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);

        var welcome = await _client.WaitForActivitiesAsync(conversationId, token, count: 1);
        Assert.StartsWith("Bonjour, je suis l'assistant remboursements du service client Abonnements Smarters Pro.", welcome[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_chat_page_is_served_at_the_root()
    {
        var page = await _http.GetStringAsync("/");

        Assert.Contains("<script src=\"/lib/webchat.js\"></script>", page);
        Assert.Equal(page, await _http.GetStringAsync("/chat?policy=necxian&locale=fr-FR"));
    }

    [Fact]
    public async Task A_message_web_chat_sends_again_is_stored_and_answered_once()
    {
        var (conversationId, token) = await NewConversationAsync();
        await _client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        await _client.WaitForActivitiesAsync(conversationId, token, count: 1);
        var path = $"/v3/directline/conversations/{conversationId}/activities";

        var first = await DirectLineClient.JsonAsync(await _client.SendAsync(HttpMethod.Post, path, token, DirectLineClient.Message("hello", "client-resent")));
        var again = await DirectLineClient.JsonAsync(await _client.SendAsync(HttpMethod.Post, path, token, DirectLineClient.Message("hello", "client-resent")));
        await _client.SendAsync(HttpMethod.Post, path, token, DirectLineClient.Message("A-1234"));

        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        var texts = (await _client.WaitForActivitiesAsync(conversationId, token, count: 5)).Select(a => a.GetProperty("text").GetString()![..5]).ToList();
        Assert.Equal(["Hi, I", "hello", "What ", "A-123", "When "], texts);
    }

    [Theory]
    [InlineData("https://shop.example", true)]
    [InlineData("https://evil.example", false)]
    [InlineData("null", false)]
    public async Task Only_the_configured_sites_may_call_direct_line_from_a_browser(string origin, bool allowed)
    {
        foreach (var path in new[] { "/v3/directline/conversations", "/api/chat/token" })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            var response = await _http.SendAsync(preflight);

            var granted = response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
            Assert.Equal(allowed ? origin : null, granted);
        }
    }

    [Fact]
    public async Task The_direct_line_secret_never_reaches_the_browser()
    {
        var served = new List<string> { await _http.GetStringAsync("/"), await _http.GetStringAsync("/chat?policy=necxian") };
        served.Add(await (await _http.PostAsJsonAsync("/api/chat/token", new { policy = "necxian" })).Content.ReadAsStringAsync());
        var scripts = System.Text.RegularExpressions.Regex.Matches(served[0], "src=\"(/[^\"]+\\.js)\"").Select(m => m.Groups[1].Value);
        foreach (var script in scripts)
        {
            served.Add(await _http.GetStringAsync(script));
        }

        Assert.True(served.Count > 3, "the chat page's own scripts were read too");
        Assert.All(served, text => Assert.DoesNotContain(Secret, text));
    }

    /// <summary>
    /// A Web Chat reply is a write of its turn's commit, not an outbox delivery: it is in the conversation's log as soon
    /// as the turn is committed, even while the outbox holds everything back, and nothing is left in the outbox for a
    /// restarted bot to append a second time. Before, the reply reached the log only when the outbox delivered it.
    /// </summary>
    [Fact]
    public async Task A_reply_is_appended_by_its_turns_commit_and_leaves_nothing_in_the_outbox()
    {
        await using var held = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["DirectLine:Secret"] = Secret,
            ["Outbox:HoldBeforeDispatch"] = "00:05:00",
        });
        _http = held.CreateClient();
        _client = new DirectLineClient(_http);
        var (conversationId, token) = await NewConversationAsync();
        await _client.StartAsync(conversationId, token);
        await _client.PostMessageAsync(conversationId, token, "hello");

        var all = await _client.WaitForActivitiesAsync(conversationId, token, count: 3);

        Assert.StartsWith("Hi, I'm the ", all[0].GetProperty("text").GetString());
        Assert.StartsWith("What is your order ID?", all[2].GetProperty("text").GetString());
        Assert.Equal([$"{conversationId}|0000001", $"{conversationId}|0000002", $"{conversationId}|0000003"], all.Select(a => a.GetProperty("id").GetString()));
        var store = held.Services.GetRequiredService<IDocumentStore>();
        Assert.Empty(await store.ListAsync("outbox/"));
    }

    /// <summary>
    /// Issue 28: what the customer posts, the bot's replies and the conversation's state reach the store in one commit
    /// (before, the post was a write of its own ahead of the turn's), and the post is answered with its stored id.
    /// </summary>
    [Fact]
    public async Task A_post_its_replies_and_the_state_are_one_write()
    {
        var store = new CommitRecordingStore();
        await using var recorded = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["DirectLine:Secret"] = Secret,
        }).WithServices(services => services.AddSingleton<IDocumentStore>(store));
        _client = new DirectLineClient(recorded.CreateClient());
        var (conversationId, token) = await NewConversationAsync();
        await _client.StartAsync(conversationId, token);

        var posted = await DirectLineClient.JsonAsync(await _client.PostMessageAsync(conversationId, token, "hello"));
        await _client.WaitForActivitiesAsync(conversationId, token, count: 3);

        Assert.Equal($"{conversationId}|0000002", posted.GetProperty("id").GetString());
        var writes = store.Commits.Where(keys => keys.Contains($"directline/{conversationId}/0000002")).ToList();
        var commit = Assert.Single(writes);
        Assert.Contains($"directline/{conversationId}/0000003", commit);
        Assert.Contains($"directline/conversations/{conversationId}", commit);
    }

    /// <summary>
    /// Issue 28: the chat page's conversation is started as its token is issued, and the start is one write: the
    /// conversation's record, the greeting and the state in the greeting turn's commit. Web Chat's start (POST) then
    /// finds it started and writes nothing; the greeting is there once.
    /// </summary>
    [Fact]
    public async Task A_chat_page_conversation_starts_in_one_write_with_its_greeting()
    {
        var store = new CommitRecordingStore();
        await using var recorded = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["DirectLine:Secret"] = Secret,
        }).WithServices(services => services.AddSingleton<IDocumentStore>(store));
        var http = recorded.CreateClient();
        _client = new DirectLineClient(http);
        var before = store.Commits.Count;

        var issued = await DirectLineClient.JsonAsync(await http.PostAsJsonAsync("/api/chat/token", new { policy = "masecurite", locale = "en-US" }));
        var conversationId = issued.GetProperty("conversationId").GetString()!;
        var token = issued.GetProperty("token").GetString()!;
        var commits = store.Commits.Skip(before).ToList();
        var start = await _client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);

        var commit = Assert.Single(commits, keys => keys.Any(k => k.Contains(conversationId, StringComparison.Ordinal)));
        Assert.Contains($"directline/{conversationId}", commit);
        Assert.Contains($"directline/{conversationId}/0000001", commit);
        Assert.Contains($"directline/conversations/{conversationId}", commit);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.DoesNotContain(store.Commits.Skip(before + commits.Count), keys => keys.Contains($"directline/{conversationId}"));
        var greeting = Assert.Single(await _client.WaitForActivitiesAsync(conversationId, token, count: 1));
        Assert.StartsWith("Hi, I'm", greeting.GetProperty("text").GetString());
    }

    private async Task<(string ConversationId, string Token)> NewConversationAsync()
    {
        var generated = await DirectLineClient.JsonAsync(await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", Secret));
        return (generated.GetProperty("conversationId").GetString()!, generated.GetProperty("token").GetString()!);
    }

    private async Task<WebSocket> ConnectAsync(string streamUrl)
    {
        var client = _bot.Server.CreateWebSocketClient();
        return await client.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
    }

    private static async Task<List<JsonElement>> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var frame = await socket.ReceiveAsync(buffer, timeout.Token);
            if (frame.Count == 0)
            {
                continue;
            }

            using var json = JsonDocument.Parse(buffer.AsMemory(0, frame.Count));
            return json.RootElement.Clone().GetProperty("activities").EnumerateArray().ToList();
        }
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}

/// <summary>An in-memory store that records the keys each write or commit carried, one list per call.</summary>
internal sealed class CommitRecordingStore() : DelegatingDocumentStore(new MemoryDocumentStore())
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string[]> _commits = new();

    public IReadOnlyList<string[]> Commits => [.. _commits];

    public override Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        _commits.Enqueue([key]);
        return Inner.WriteAsync(key, json, expectedETag, cancellationToken);
    }

    public override Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        _commits.Enqueue([.. writes.Select(w => w.Key)]);
        return Inner.CommitAsync(writes, cancellationToken);
    }
}
