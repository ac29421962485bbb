using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace RefundBot.Bot.Tests;

/// <summary>/api/messages as the Bot Framework Emulator uses it: 202 at once, replies POSTed to the serviceUrl.</summary>
public sealed class BotMessagesTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_refund_conversation_over_http_goes_from_welcome_to_a_case_id()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(EmulatorActivities.Joined(_channel, "conv-1"))).StatusCode);
        Assert.StartsWith("Hi, I'm the ", (await _channel.NextReplyAsync()).Text);

        var orderPrompt = await SayAsync("conv-1", "hi", "m1", expectedReplies: 1);
        Assert.StartsWith("What is your order ID?", orderPrompt[0].Text);
        Assert.Equal("m1", orderPrompt[0].ReplyToId);
        Assert.Equal("conv-1", orderPrompt[0].ConversationId);
        Assert.Equal("bot-1", orderPrompt[0].Activity.From?.Id);
        Assert.Equal("user-1", orderPrompt[0].Activity.Recipient?.Id);

        Assert.StartsWith("When did you buy it?", (await SayAsync("conv-1", "A-1234", "m2"))[0].Text);
        Assert.StartsWith("Why would you like a refund?", (await SayAsync("conv-1", "2026-01-12", "m3"))[0].Text);
        var summary = (await SayAsync("conv-1", "It doesn't work", "m4"))[0];
        Assert.Contains("- Order: A-1234", summary.Text);
        Assert.Equal(4, summary.Activity.SuggestedActions?.Actions.Count);
        var recorded = await SayAsync("conv-1", "Yes, submit it", "m5", expectedReplies: 2);
        Assert.Matches(@"recorded as case \*\*RB-[0-9A-Z]{8}\*\*", recorded[0].Text);
        Assert.Equal("What is your request about?", recorded[1].Text);
    }

    [Fact]
    public async Task A_demo_order_from_the_sample_order_book_fills_the_facts_and_reaches_a_decision()
    {
        await SayAsync("conv-6", "refund for order MS-1001, it does not work", "m1", expectedReplies: 2);
        await SayAsync("conv-6", "yes", "m2", expectedReplies: 2);

        var decision = await SayAsync("conv-6", "Withdrawing and getting my money back", "m3", expectedReplies: 2);

        Assert.StartsWith("**You are eligible for a partial refund of €116.71.**", decision[0].Text);
    }

    [Fact]
    public async Task The_conversation_continues_at_the_same_step_after_the_bot_restarts()
    {
        await SayAsync("conv-2", "refund for order B-2222", "m1", expectedReplies: 2);

        await _bot.DisposeAsync();
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"));

        Assert.StartsWith("Why would you like a refund?", (await SayAsync("conv-2", "yesterday", "m2"))[0].Text);

        await _bot.DisposeAsync();
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"));

        Assert.Contains("- Order: B-2222", (await SayAsync("conv-2", "I changed my mind", "m3"))[0].Text);
    }

    [Fact]
    public async Task Unknown_properties_of_an_activity_are_kept()
    {
        var reply = (await SayAsync("conv-3", "hello", "m1", expectedReplies: 2))[1];
        Assert.Equal("conv-3", reply.Activity.Conversation?.Id);

        var roundTripped = System.Text.Json.JsonSerializer.Deserialize<Dialogs.Runtime.Activity>(
            """{"type":"message","futureField":{"a":1},"from":{"id":"u","tenantHint":"x"}}""", Dialogs.Runtime.ActivityJson.Options)!;
        var json = System.Text.Json.JsonSerializer.Serialize(roundTripped, Dialogs.Runtime.ActivityJson.Options);
        Assert.Contains("\"futureField\":{\"a\":1}", json);
        Assert.Contains("\"tenantHint\":\"x\"", json);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_with_problem_details()
    {
        using var content = new StringContent("{\"type\": \"message\", ", Encoding.UTF8, "application/json");
        var response = await _bot.CreateClient().PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("Invalid activity", problem?.Title);
    }

    [Theory]
    [InlineData("""{"channelId":"emulator","serviceUrl":"http://x","conversation":{"id":"c"}}""", "type")]
    [InlineData("""{"type":"message","channelId":"emulator","serviceUrl":"http://x"}""", "conversation.id")]
    [InlineData("""{"type":"message","channelId":"emulator","conversation":{"id":"c"}}""", "serviceUrl")]
    [InlineData("""{"type":"message","timestamp":"not a date","channelId":"e","serviceUrl":"http://x","conversation":{"id":"c"}}""", "not valid JSON")]
    public async Task An_activity_missing_a_required_field_is_a_400_naming_it(string json, string named)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await _bot.CreateClient().PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (await response.Content.ReadFromJsonAsync<ProblemDetails>())?.Detail);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_unsupported()
    {
        using var content = new StringContent("hello", Encoding.UTF8, "text/plain");
        var response = await _bot.CreateClient().PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_activity_types_are_accepted_and_ignored()
    {
        var response = await _bot.PostAsync(new
        {
            type = "somethingNew",
            channelId = "emulator",
            serviceUrl = _channel.ServiceUrl,
            conversation = new { id = "conv-4" },
            from = new { id = "user-1" },
            recipient = new { id = "bot-1" },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var replies = await SayAsync("conv-4", "hello", "m1", expectedReplies: 2);
        Assert.All(replies, r => Assert.Equal("m1", r.ReplyToId));
    }

    [Fact]
    public async Task A_message_with_only_a_file_on_another_host_than_the_channels_is_not_fetched_and_the_customer_is_told()
    {
        var response = await _bot.PostAsync(new
        {
            type = "message",
            id = "m1",
            channelId = "emulator",
            serviceUrl = _channel.ServiceUrl,
            conversation = new { id = "conv-5" },
            from = new { id = "user-1" },
            recipient = new { id = "bot-1" },
            attachments = new[] { new { contentType = "image/png", contentUrl = "http://example.invalid/receipt.png", name = "receipt.png" } },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var replies = await _channel.RepliesAsync(2);
        Assert.StartsWith("I could not receive **receipt\\.png**, so I did not keep it.", replies[1].Text);
    }

    private async Task<IReadOnlyList<ReceivedReply>> SayAsync(string conversationId, string text, string id, int expectedReplies = 1)
    {
        var response = await _bot.PostAsync(EmulatorActivities.Message(_channel, conversationId, text, id));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await _channel.RepliesAsync(expectedReplies);
    }
}
