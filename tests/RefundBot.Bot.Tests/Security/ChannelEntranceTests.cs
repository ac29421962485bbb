using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// A conversation is reached only through its own channel's entrance. Reproduces the report: an /api/messages post
/// naming <c>channelId: "directline"</c> and a Web Chat customer's conversation moved that conversation, received its
/// replies and overwrote its address, so the customer's follow-up went to the caller.
/// </summary>
public sealed class ChannelEntranceTests : IAsyncLifetime
{
    private const string Secret = "entrance-direct-line-secret";
    private FakeChannel _caller = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _caller = await FakeChannel.StartAsync();
        _bot = new BotUnderTest(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory", ["DirectLine:Secret"] = Secret });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _caller.DisposeAsync();
    }

    [Fact]
    public async Task A_web_chat_conversation_cannot_be_reached_through_api_messages()
    {
        var http = _bot.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        var conversation = await (await http.PostAsync("/v3/directline/conversations", null)).Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = conversation.GetProperty("conversationId").GetString()!;

        var response = await _bot.PostAsync(Message("directline", conversationId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(_caller.HasPendingReply);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", conversation.GetProperty("token").GetString());
        var log = await (await http.GetAsync($"/v3/directline/conversations/{conversationId}/activities")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(log.GetProperty("activities").EnumerateArray(), a => a.TryGetProperty("text", out var t) && t.GetString() == "refund please");
    }

    [Fact]
    public async Task A_teams_activity_without_a_bot_connector_token_is_refused()
    {
        var response = await _bot.PostAsync(Message("msteams", "19:someone@thread.tacv2"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Assert.ThrowsAsync<TimeoutException>(() => _caller.NextReplyAsync(TimeSpan.FromMilliseconds(500)));
    }

    private object Message(string channelId, string conversationId) => new
    {
        type = "message",
        id = "m-" + Guid.NewGuid().ToString("N"),
        text = "refund please",
        channelId,
        serviceUrl = _caller.ServiceUrl,
        from = new { id = "attacker" },
        recipient = new { id = "bot-1" },
        conversation = new { id = conversationId },
    };
}
