using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests;

/// <summary>The business erases a customer's conversation: state, transcript, cases, and the Direct Line activity log.</summary>
public sealed class PrivacyApiTests
{
    private const string Key = "privacy-test-key";

    [Fact]
    public async Task The_erase_api_is_off_without_a_key_and_refuses_a_wrong_one()
    {
        await using var off = new BotUnderTest(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });
        Assert.Equal(HttpStatusCode.NotFound, (await off.CreateClient().DeleteAsync("/api/privacy/conversations/directline/x")).StatusCode);

        await using var on = Bot();
        using var wrong = new HttpRequestMessage(HttpMethod.Delete, "/api/privacy/conversations/directline/x");
        wrong.Headers.Authorization = new("Bearer", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await on.CreateClient().SendAsync(wrong)).StatusCode);
    }

    [Fact]
    public async Task Erasing_a_web_chat_conversation_removes_what_was_said_everywhere()
    {
        await using var bot = Bot();
        var conversation = await TellPersonalDataAsync(bot);
        var store = bot.Services.GetRequiredService<IDocumentStore>();
        await WaitAsync(async () => await store.ReadAsync($"directline/conversations/{conversation}") is not null);

        using var erase = new HttpRequestMessage(HttpMethod.Delete, $"/api/privacy/conversations/directline/{conversation}");
        erase.Headers.Authorization = new("Bearer", Key);
        Assert.Equal(HttpStatusCode.OK, (await bot.CreateClient().SendAsync(erase)).StatusCode);

        Assert.Null(await store.ReadAsync($"directline/conversations/{conversation}"));
        var log = await store.ListAsync($"directline/{conversation}/");
        Assert.NotEmpty(log);
        Assert.All(log, d => Assert.DoesNotContain("jane.doe", d.Json, StringComparison.Ordinal));
        Assert.All(log, d => Assert.DoesNotContain("MS-1001", d.Json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Past_the_retention_period_what_was_said_is_deleted_from_the_transcript_and_the_direct_line_log()
    {
        await using var bot = Bot();
        var conversation = await TellPersonalDataAsync(bot);
        var store = bot.Services.GetRequiredService<IDocumentStore>();
        await WaitAsync(async () => (await store.ListAsync($"directline/{conversation}/")).Count >= 2);
        var retention = bot.Services.GetRequiredService<Dialogs.Privacy.TranscriptRetention>();

        Assert.Equal(0, await retention.PurgeAsync(DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None));
        Assert.True(await retention.PurgeAsync(DateTimeOffset.UtcNow.AddSeconds(1), CancellationToken.None) >= 3);

        Assert.Null(await store.ReadAsync($"directline/conversations/{conversation}"));
        var log = await store.ListAsync($"directline/{conversation}/");
        Assert.NotEmpty(log);
        Assert.All(log, d => Assert.DoesNotContain("jane.doe", d.Json, StringComparison.Ordinal));
        Assert.All(log, d => Assert.DoesNotContain("MS-1001", d.Json, StringComparison.Ordinal));
    }

    /// <summary>A Web Chat conversation in which the customer gives an order id and an e-mail address; its id.</summary>
    private static async Task<string> TellPersonalDataAsync(BotUnderTest bot)
    {
        var http = bot.CreateClient();
        var issued = await (await http.PostAsJsonAsync("/api/chat/token", new { policy = "masecurite" })).Content.ReadFromJsonAsync<JsonElement>();
        var conversation = issued.GetProperty("conversationId").GetString()!;
        http.DefaultRequestHeaders.Authorization = new("Bearer", issued.GetProperty("token").GetString());
        await http.PostAsJsonAsync($"/v3/directline/conversations/{conversation}/activities",
            new { type = "message", from = new { id = "u" }, text = "refund for order MS-1001, my email is jane.doe@example.com" });
        return conversation;
    }

    private static BotUnderTest Bot() => new(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory", ["Privacy:ApiKey"] = Key });

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
