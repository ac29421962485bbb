using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests.ScaleOut;

/// <summary>Two instances of the bot on one PostgreSQL database, as behind a load balancer.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoInstancesTests(LocalPostgres postgres) : IAsyncLifetime
{
    private const string Secret = "shared-direct-line-secret";
    private FakeChannel _channel = null!;
    private BotUnderTest _a = null!;
    private BotUnderTest _b = null!;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        var database = _database = await postgres.CreateDatabaseAsync();
        _a = Instance(database);
        _b = Instance(database);
        _a.CreateClient().Dispose(); // both start (and migrate the schema) before the test
        _b.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task A_conversation_continues_on_whichever_instance_gets_the_next_message()
    {
        await SayAsync(_a, "c1", "refund for order B-2222", "m1", expectedReplies: 2);
        Assert.StartsWith("Why would you like a refund?", (await SayAsync(_b, "c1", "yesterday", "m2"))[0].Text);
        Assert.Contains("- Order: B-2222", (await SayAsync(_a, "c1", "I changed my mind", "m3"))[0].Text);
    }

    /// <summary>
    /// bench's scale-out conversation, its turns spread over both instances as a load balancer without affinity would:
    /// each question is asked in order and the case is recorded once. Its order ID's digits ("100016", 6 January 1000 to
    /// the date recognizer) once made the bot skip the date question, so every such conversation stopped there.
    /// </summary>
    [Fact]
    public async Task A_refund_asked_on_alternate_instances_goes_question_by_question_to_one_case()
    {
        Assert.StartsWith("What is your order ID?", (await SayAsync(_a, "c5", "hi", "m1", expectedReplies: 2))[1].Text);
        Assert.StartsWith("When did you buy it?", (await SayAsync(_b, "c5", "A-100016", "m2"))[0].Text);
        Assert.StartsWith("Why would you like a refund?", (await SayAsync(_a, "c5", "yesterday", "m3"))[0].Text);
        Assert.StartsWith("Here is your request:\n- Order: A-100016\n", (await SayAsync(_b, "c5", "it doesn't work", "m4"))[0].Text);
        Assert.Contains("recorded as case", (await SayAsync(_a, "c5", "Yes, submit it", "m5", expectedReplies: 2))[0].Text);

        var cases = await _b.Services.GetRequiredService<IDocumentStore>().ListAsync("cases/");
        Assert.Single(cases, c => ConversationOf(c) == "emulator/conversations/c5");
    }

    private static string? ConversationOf(StoredDocument refundCase)
    {
        using var json = JsonDocument.Parse(refundCase.Json);
        return json.RootElement.GetProperty("conversationKey").GetString();
    }

    [Fact]
    public async Task An_activity_retried_on_the_other_instance_moves_the_dialog_once()
    {
        await SayAsync(_a, "c2", "refund please", "m1", expectedReplies: 2);
        var first = await SayAsync(_a, "c2", "A-1234", "m2");

        Assert.StartsWith("When did you buy it?", first[0].Text);

        // A channel retries a post it got no answer to, seconds later: by then A's outbox record is deleted. Its delete
        // commits after A's answer, so the test waits for it rather than post the retry within that moment (were the
        // retry that quick, B would deliver the replies again with their committed ids, which channels de-duplicate).
        await DeletedAsync(_a);

        // The channel's retry (it missed the 202) reaches B: the turn is not run again, and its replies, committed with it
        // and delivered from A's outbox, are not sent a second time.
        Assert.Equal(HttpStatusCode.Accepted, (await _b.PostAsync(EmulatorActivities.Message(_channel, "c2", "A-1234", "m2"))).StatusCode);
        await Task.Delay(300);
        Assert.False(_channel.HasPendingReply, "the retry was answered again");
        Assert.StartsWith("Why would you like a refund?", (await SayAsync(_b, "c2", "yesterday", "m3"))[0].Text);
    }

    /// <summary>
    /// The instance that handled a turn dies (here: holds its deliveries) before its replies go out, and the channel,
    /// unanswered, sends the activity again to the other: the other delivers the committed replies at once, with their
    /// committed ids, and answers the retry once they are out. Before, it answered 202 and said nothing, and the replies
    /// waited for the orphan sweep (3 minutes and more): bench's scale-out scenario lost the conversations caught so.
    /// </summary>
    [Fact]
    public async Task A_turn_retried_on_the_other_instance_after_the_first_died_undelivered_gets_its_replies_at_once()
    {
        await using var dying = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:PostgreSql"] = _database,
            ["DirectLine:Secret"] = Secret,
            ["Outbox:HoldBeforeDispatch"] = "00:05:00",
        });
        _ = dying.PostAsync(EmulatorActivities.Message(_channel, "c6", "hi", "m1")); // answered only once delivered: not in this test
        var committed = await CommittedReplyIdAsync("emulator/conversations/c6");

        var retry = _b.PostAsync(EmulatorActivities.Message(_channel, "c6", "hi", "m1"));
        var delivered = await _channel.RepliesAsync(2);

        Assert.Equal(HttpStatusCode.Accepted, (await retry).StatusCode);
        Assert.Equal(committed, delivered[0].Activity.Id);
        Assert.StartsWith("What is your order ID?", delivered[1].Text);
        await DeletedAsync(_b); // the record's delete commits after the retry's answer
        Assert.Empty(await _b.Services.GetRequiredService<IDocumentStore>().ListAsync("outbox/emulator/conversations/c6/"));
    }

    private static Task DeletedAsync(BotUnderTest instance) =>
        instance.Services.GetRequiredService<RefundBot.Bot.Outbox.OutboxDispatcher>().DeletedAsync().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Waits for the turn's reply record to be committed; returns the id of its first reply.</summary>
    private async Task<string> CommittedReplyIdAsync(string conversationKey)
    {
        var store = _b.Services.GetRequiredService<IDocumentStore>();
        for (var i = 0; i < 300; i++)
        {
            if ((await store.ListAsync($"outbox/{conversationKey}/")).FirstOrDefault() is { } record)
            {
                using var json = JsonDocument.Parse(record.Json);
                return json.RootElement.GetProperty("replies")[0].GetProperty("id").GetString()!;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the turn was never committed");
    }

    [Fact]
    public async Task Two_messages_of_one_conversation_at_once_on_two_instances_are_both_kept()
    {
        for (var round = 0; round < 5; round++)
        {
            var conversation = $"race-{round}";
            await SayAsync(_a, conversation, "hello", "m0", expectedReplies: 2);

            await Task.WhenAll(
                _a.PostAsync(EmulatorActivities.Message(_channel, conversation, "first at A", "m1")),
                _b.PostAsync(EmulatorActivities.Message(_channel, conversation, "second at B", "m2")));
            await _channel.RepliesAsync(2);

            var state = await StateAsync(conversation);
            var said = state.Transcript.Where(l => l.Role == "customer").Select(l => l.Text).ToList();
            Assert.Contains("first at A", said);
            Assert.Contains("second at B", said);
            Assert.Equal(["m0", "m1", "m2"], state.HandledActivityIds.Order());
        }
    }

    [Fact]
    public async Task A_web_chat_client_streaming_from_one_instance_gets_the_replies_the_other_produced()
    {
        using var http = _b.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        var conversation = await (await http.PostAsync("/v3/directline/conversations", null)).Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = conversation.GetProperty("conversationId").GetString()!;
        var streamUrl = conversation.GetProperty("streamUrl").GetString()!;
        using var stream = await _a.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        Assert.StartsWith("Hi, I'm the ", (await ReceiveTextsAsync(stream, 1))[0]);

        var posted = await http.PostAsJsonAsync($"/v3/directline/conversations/{conversationId}/activities",
            new { type = "message", text = "hello", from = new { id = "user-1" }, locale = "en-US" });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        Assert.Equal(["hello", "What is your order ID?"], (await ReceiveTextsAsync(stream, 2)).Select(t => t[..Math.Min(22, t.Length)]));
    }

    private BotUnderTest Instance(string database) => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "PostgreSql",
        ["Storage:PostgreSql"] = database,
        ["DirectLine:Secret"] = Secret,
    });

    private async Task<IReadOnlyList<ReceivedReply>> SayAsync(BotUnderTest instance, string conversationId, string text, string id, int expectedReplies = 1)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await instance.PostAsync(EmulatorActivities.Message(_channel, conversationId, text, id))).StatusCode);
        return await _channel.RepliesAsync(expectedReplies);
    }

    private async Task<ConversationState> StateAsync(string conversationId)
    {
        var stored = await _a.Services.GetRequiredService<IDocumentStore>().ReadAsync($"emulator/conversations/{conversationId}");
        return JsonSerializer.Deserialize<ConversationState>(stored!.Json, ActivityJson.Options)!;
    }

    /// <summary>The texts of the next <paramref name="count"/> activities pushed on the stream.</summary>
    private static async Task<List<string>> ReceiveTextsAsync(WebSocket socket, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var texts = new List<string>();
        var buffer = new byte[64 * 1024];
        while (texts.Count < count)
        {
            var frame = await socket.ReceiveAsync(buffer, timeout.Token);
            if (frame.Count == 0)
            {
                continue;
            }

            using var json = JsonDocument.Parse(buffer.AsMemory(0, frame.Count));
            texts.AddRange(json.RootElement.GetProperty("activities").EnumerateArray()
                .Where(a => a.GetProperty("type").GetString() == "message")
                .Select(a => a.GetProperty("text").GetString()!));
        }

        return texts;
    }
}
