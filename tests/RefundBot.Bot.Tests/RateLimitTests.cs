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

    /// <summary>The APIs beside the channels are limited per client too: each answer may be a paid LLM call.</summary>
    [Theory]
    [InlineData("RateLimits:AnswersPerClientPerMinute", "/api/answer", """{"question":"how long do refunds take?","policy":"masecurite"}""")]
    [InlineData("RateLimits:ApiRequestsPerClientPerMinute", "/api/eligibility", """{"policy":"masecurite","facts":{}}""")]
    public async Task A_client_that_calls_an_api_too_often_is_told_to_wait(string setting, string path, string body)
    {
        await using var bot = new BotUnderTest(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory", [setting] = "3" });
        var http = bot.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json")));
        }

        Assert.All(answers.Take(3), a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a.StatusCode));
        await AssertTooManyAsync(answers[3]);
    }

    [Fact]
    public async Task The_privacy_api_is_limited_per_client()
    {
        await using var bot = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory", ["Privacy:ApiKey"] = "privacy-key", ["RateLimits:ApiRequestsPerClientPerMinute"] = "2",
        });
        var http = bot.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/privacy/conversations/emulator/c-{i}")
            {
                Headers = { Authorization = new("Bearer", "wrong-key") },
            }));
        }

        Assert.All(answers.Take(2), a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a.StatusCode));
        await AssertTooManyAsync(answers[2]); // and a guessed key is tried at most that often
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
