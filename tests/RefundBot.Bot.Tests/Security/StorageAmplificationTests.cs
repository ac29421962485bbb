using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.Channels.DirectLine;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// "Channels that trust nothing", storage and memory amplification: an over-long message is refused and kept only up
/// to the limit, bodies are size-limited, the activity log is read a page at a time and not too often, and a
/// conversation's log has a cap.
/// </summary>
public sealed class StorageAmplificationTests : IAsyncLifetime
{
    private const int Limit = 2000;
    private FakeChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task An_over_long_direct_line_message_is_answered_politely_and_stored_no_longer_than_the_limit()
    {
        await using var bot = Bot();
        var client = new DirectLineClient(bot.CreateClient());
        var (conversationId, token) = await client.NewConversationAsync();
        await client.StartAsync(conversationId, token);

        var posted = await client.PostMessageAsync(conversationId, token, new string('a', 200_000));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var log = await client.WaitForActivitiesAsync(conversationId, token, count: 3);
        var stored = log[1].GetProperty("text").GetString()!;
        Assert.True(stored.Length <= Limit, $"the log keeps {stored.Length} characters");
        Assert.EndsWith("…[truncated, 200000 characters]", stored);
        Assert.Contains("That message is too long for me (200000 characters)", log[2].GetProperty("text").GetString());
        await AssertNothingStoredIsLargeAsync(bot, $"directline/conversations/{conversationId}");
    }

    [Fact]
    public async Task An_over_long_bot_connector_message_is_answered_politely_and_stored_no_longer_than_the_limit()
    {
        await using var bot = Bot();

        var answer = await bot.PostAsync(EmulatorActivities.Message(_channel, "long-one", new string('b', 200_000), "m-1"));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var replies = await _channel.RepliesAsync(2);
        Assert.Contains(replies, r => r.Text?.Contains("That message is too long for me (200000 characters)") == true);
        await AssertNothingStoredIsLargeAsync(bot, "emulator/conversations/long-one");
    }

    [Theory]
    [InlineData("/api/messages")]
    [InlineData("/v3/directline/conversations/{id}/activities")]
    public async Task A_one_megabyte_body_gets_413(string path)
    {
        await using var bot = Bot();
        var client = new DirectLineClient(bot.CreateClient());
        var (conversationId, token) = await client.NewConversationAsync();
        var body = JsonSerializer.Serialize(EmulatorActivities.Message(_channel, "big", "hello", "m-1")).Replace("\"hello\"", $"\"{new string('c', 1024 * 1024)}\"");
        using var request = new HttpRequestMessage(HttpMethod.Post, path.Replace("{id}", conversationId))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);

        var answer = await client.Http.SendAsync(request);

        await DirectLineClient.AssertProblemAsync(answer, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_direct_line_activity_that_carries_a_lot_of_data_besides_its_text_gets_413_and_is_not_kept()
    {
        await using var bot = Bot();
        var client = new DirectLineClient(bot.CreateClient());
        var (conversationId, token) = await client.NewConversationAsync();

        var answer = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, new
        {
            type = "message",
            text = "hello",
            from = new { id = "user-1" },
            channelData = new { clientActivityID = "client-1", padding = new string('d', 200_000) },
        });

        await DirectLineClient.AssertProblemAsync(answer, HttpStatusCode.RequestEntityTooLarge);
        var kept = Assert.Single(await bot.Services.GetRequiredService<IDocumentStore>().ListAsync($"directline/{conversationId}/")); // the greeting
        Assert.DoesNotContain("client-1", kept.Json);
    }

    [Fact]
    public async Task The_activity_log_is_read_a_page_at_a_time_and_the_client_gets_everything_by_following_watermarks()
    {
        await using var bot = Bot();
        var client = new DirectLineClient(bot.CreateClient());
        var (conversationId, token) = await client.NewConversationAsync(); // started with its greeting, the log's first activity
        await AppendAsync(bot, conversationId, 250);

        var pages = new List<int>();
        var texts = new List<string>();
        string? watermark = null;
        while (true)
        {
            var page = await DirectLineClient.JsonAsync(await client.GetActivitiesAsync(conversationId, token, watermark));
            var activities = page.GetProperty("activities").EnumerateArray().ToList();
            pages.Add(activities.Count);
            texts.AddRange(activities.Select(a => a.GetProperty("text").GetString()!));
            watermark = page.GetProperty("watermark").GetString();
            if (activities.Count == 0)
            {
                break;
            }
        }

        Assert.Equal([100, 100, 51, 0], pages);
        Assert.Equal(Enumerable.Range(1, 250).Select(i => $"activity {i}"), texts.Skip(1));
        Assert.Equal("251", watermark);
    }

    [Fact]
    public async Task The_stream_catches_up_a_page_per_message()
    {
        await using var bot = Bot();
        var client = new DirectLineClient(bot.CreateClient());
        var (conversationId, token) = await client.NewConversationAsync();
        await client.StartAsync(conversationId, token); // the greeting is the first activity
        await AppendAsync(bot, conversationId, 250);
        var reconnect = await DirectLineClient.JsonAsync(await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}", token));
        var streamUrl = reconnect.GetProperty("streamUrl").GetString()!;

        using var socket = await bot.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        var sizes = new List<int>();
        var received = 0;
        while (received < 251)
        {
            var set = await ReceiveAsync(socket);
            sizes.Add(set.Count);
            received += set.Count;
        }

        Assert.Equal([100, 100, 51], sizes);
    }

    [Fact]
    public async Task Reads_of_one_conversation_past_the_limit_get_429_and_other_conversations_are_still_read()
    {
        await using var bot = Bot(new() { ["RateLimits:ReadsPerConversationPerMinute"] = "5" });
        var client = new DirectLineClient(bot.CreateClient());
        var (conversationId, token) = await client.NewConversationAsync();
        var (other, otherToken) = await client.NewConversationAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetActivitiesAsync(conversationId, token)).StatusCode);
        }

        await AssertTooManyAsync(await client.GetActivitiesAsync(conversationId, token));
        await AssertTooManyAsync(await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}", token));
        Assert.Equal(HttpStatusCode.OK, (await client.GetActivitiesAsync(other, otherToken)).StatusCode);
    }

    [Fact]
    public async Task Reads_from_one_client_past_the_limit_get_429()
    {
        await using var bot = Bot(new() { ["RateLimits:ReadsPerConversationPerMinute"] = "0", ["RateLimits:ReadsPerClientPerMinute"] = "5" });
        var client = new DirectLineClient(bot.CreateClient());
        var conversations = new List<(string Id, string Token)>();
        for (var i = 0; i < 6; i++)
        {
            conversations.Add(await client.NewConversationAsync());
        }

        foreach (var (id, token) in conversations.Take(5))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetActivitiesAsync(id, token)).StatusCode);
        }

        await AssertTooManyAsync(await client.GetActivitiesAsync(conversations[5].Id, conversations[5].Token));
    }

    [Fact]
    public async Task A_full_conversation_refuses_new_messages_politely_and_keeps_what_it_has()
    {
        await using var bot = Bot(new() { ["DirectLine:MaxActivitiesPerConversation"] = "10" });
        var client = new DirectLineClient(bot.CreateClient());
        var (conversationId, token) = await client.NewConversationAsync();
        await AppendAsync(bot, conversationId, 9); // and the greeting: 10

        var refused = await client.PostMessageAsync(conversationId, token, "one more");

        await DirectLineClient.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("start a new conversation", await refused.Content.ReadAsStringAsync());
        var log = await DirectLineClient.JsonAsync(await client.GetActivitiesAsync(conversationId, token));
        Assert.Equal(10, log.GetProperty("activities").GetArrayLength());
    }

    private static async Task AppendAsync(BotUnderTest bot, string conversationId, int count)
    {
        var conversations = bot.Services.GetRequiredService<DirectLineConversations>();
        for (var i = 1; i <= count; i++)
        {
            await conversations.AppendAsync(conversationId, new Activity
            {
                Type = ActivityTypes.Message,
                Text = $"activity {i}",
                From = DirectLineApi.Bot,
                Timestamp = DateTimeOffset.UtcNow,
            });
        }
    }

    /// <summary>No document of the conversation (its Direct Line log, its state and transcript) holds the message whole.</summary>
    private static async Task AssertNothingStoredIsLargeAsync(BotUnderTest bot, string stateKey)
    {
        var store = bot.Services.GetRequiredService<IDocumentStore>();
        var state = await store.ReadAsync(stateKey);
        Assert.NotNull(state);
        var transcript = JsonSerializer.Deserialize<ConversationState>(state.Json, ActivityJson.Options)!.Transcript;
        Assert.Contains(transcript, line => line.Text.EndsWith("…[truncated, 200000 characters]", StringComparison.Ordinal) && line.Text.Length <= Limit);
        // The published policy versions (the business's own files, saved at start) are no document of a conversation.
        Assert.All((await store.ListAsync("")).Where(d => !d.Key.StartsWith(PolicyVersions.Prefix, StringComparison.Ordinal)),
            document => Assert.True(document.Json.Length < 20_000, $"{document.Key} holds {document.Json.Length} characters"));
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage answer)
    {
        await DirectLineClient.AssertProblemAsync(answer, HttpStatusCode.TooManyRequests);
        Assert.Equal("60", answer.Headers.GetValues("Retry-After").Single());
    }

    private static async Task<List<JsonElement>> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var frame = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, frame.Count);
            if (frame.EndOfMessage && message.Length > 0)
            {
                using var json = JsonDocument.Parse(message.ToArray());
                return json.RootElement.Clone().GetProperty("activities").EnumerateArray().ToList();
            }
        }
    }

    private static BotUnderTest Bot(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["DirectLine:Secret"] = DirectLineClient.Secret,
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return new BotUnderTest(settings);
    }
}
