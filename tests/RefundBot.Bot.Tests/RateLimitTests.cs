using System.Net;

namespace RefundBot.Bot.Tests;

public sealed class RateLimitTests : IAsyncLifetime
{
    private FakeChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task A_conversation_that_sends_too_fast_is_told_to_wait_and_others_are_not()
    {
        await using var bot = Bot(perConversation: 3, perClient: 0);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await bot.PostAsync(EmulatorActivities.Message(_channel, "chatty", $"message {i}", $"c-{i}")));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        await AssertTooManyAsync(answers[3]);
        Assert.Equal(HttpStatusCode.Accepted, (await bot.PostAsync(EmulatorActivities.Message(_channel, "calm", "hello", "q-1"))).StatusCode);
    }

    [Fact]
    public async Task A_client_that_sends_too_much_is_told_to_wait()
    {
        await using var bot = Bot(perConversation: 0, perClient: 5);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await bot.PostAsync(EmulatorActivities.Message(_channel, $"conversation-{i}", "hello", $"m-{i}")));
        }

        Assert.All(answers.Take(5), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        await AssertTooManyAsync(answers[5]);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage answer)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.Equal("60", answer.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many requests", await answer.Content.ReadAsStringAsync());
    }

    private static BotUnderTest Bot(int perConversation, int perClient) => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Memory",
        ["RateLimits:MessagesPerConversationPerMinute"] = perConversation.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:RequestsPerClientPerMinute"] = perClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
