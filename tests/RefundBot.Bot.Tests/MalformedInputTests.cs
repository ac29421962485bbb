using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RefundBot.Bot.Tests;

/// <summary>
/// Ten thousand malformed, oversized, deeply nested, wrongly typed and unicode-hostile activities, half to
/// <c>/api/messages</c> and half to Direct Line: none may get a 5xx; each is either accepted or refused with a
/// ProblemDetails answer; and the bot still holds a normal conversation afterwards.
/// </summary>
public sealed class MalformedInputTests : IAsyncLifetime
{
    private const int PerEndpoint = 5000;
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        // The limits would refuse most of these from one client before the endpoints read them: they are tested apart.
        _bot = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["RateLimits:RequestsPerClientPerMinute"] = "0",
            ["RateLimits:MessagesPerConversationPerMinute"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task Ten_thousand_hostile_activities_get_no_server_error_and_the_bot_carries_on()
    {
        var http = _bot.CreateClient();
        var issued = await (await http.PostAsJsonAsync("/api/chat/token", new { policy = "masecurite" })).Content.ReadFromJsonAsync<JsonElement>();
        var conversation = issued.GetProperty("conversationId").GetString()!;
        var token = issued.GetProperty("token").GetString()!;
        var random = new Random(20261123);
        var failures = new List<string>();

        for (var i = 0; i < PerEndpoint; i++)
        {
            await SendAsync(http, "/api/messages", null, HostileBody(random, i), failures);
            await SendAsync(http, $"/v3/directline/conversations/{conversation}/activities", token, HostileBody(random, i), failures);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} answers were not a 2xx or a ProblemDetails 4xx, e.g.:\n{string.Join("\n", failures.Take(5))}");
        _channel.DrainReplies();
        var hello = EmulatorActivities.Message(_channel, "after-the-storm", "hello", "after-1");
        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(hello)).StatusCode);
        Assert.Contains(await _channel.RepliesAsync(2), r => r.Text?.StartsWith("What is your order ID?", StringComparison.Ordinal) == true);
    }

    private static async Task SendAsync(HttpClient http, string path, string? token, (string Body, string ContentType) hostile, List<string> failures)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(hostile.Body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var status = (int)response.StatusCode;
        var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        if (status >= 500 || (status >= 400 && !isProblem))
        {
            failures.Add($"{path} {status}: {hostile.Body[..Math.Min(120, hostile.Body.Length)]}");
        }
    }

    /// <summary>One hostile body, by kind: <paramref name="i"/> cycles through the kinds, the random parts vary.</summary>
    private (string Body, string ContentType) HostileBody(Random random, int i) => (i % 10) switch
    {
        0 => (RandomText(random, random.Next(0, 200)), "application/json"),
        1 => (Nested(random.Next(65, 2000)), "application/json"),
        2 => (Activity(new Dictionary<string, object?> { ["type"] = random.Next(), ["text"] = new[] { 1, 2 }, ["from"] = "not an object" }), "application/json"),
        3 => (Activity(new Dictionary<string, object?> { ["type"] = "message", ["text"] = new string('x', random.Next(2001, 200_000)) }), "application/json"),
        4 => (Activity(new Dictionary<string, object?> { ["type"] = "message", ["text"] = Hostile(random), ["locale"] = Hostile(random), ["localTimezone"] = Hostile(random) }), "application/json"),
        5 => (Activity(new Dictionary<string, object?> { ["type"] = "message", ["text"] = "hi", ["timestamp"] = Hostile(random), ["serviceUrl"] = "javascript:alert(1)" }), "application/json"),
        6 => ("[" + string.Join(",", Enumerable.Repeat("{}", random.Next(1, 50))) + "]", "application/json"),
        7 => (Activity(new Dictionary<string, object?> { ["type"] = "message", ["text"] = "refund A-1", ["entities"] = new object[] { 1, "x", new { type = 5 } }, ["attachments"] = "none", ["channelData"] = new { policy = new[] { 1 } } }), "application/json"),
        8 => ("{\"type\":\"message\",\"text\":\"\\ud800\\udfff\\ud800\"," + "\"conversation\":{\"id\":\"\\u0000\"}}", "application/json"),
        _ => (Activity(new Dictionary<string, object?> { ["type"] = "message", ["text"] = "hello" }), random.Next(2) == 0 ? "text/plain" : "application/xml"),
    };

    /// <summary>An activity otherwise shaped like the Emulator's, with some fields replaced.</summary>
    private string Activity(Dictionary<string, object?> overrides)
    {
        var activity = new Dictionary<string, object?>
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "emulator",
            ["serviceUrl"] = _channel.ServiceUrl,
            ["from"] = new { id = "fuzz-user" },
            ["recipient"] = new { id = "bot" },
            ["conversation"] = new { id = "fuzz-" + Guid.NewGuid().ToString("N")[..6] },
        };
        foreach (var (key, value) in overrides)
        {
            activity[key] = value;
        }

        return JsonSerializer.Serialize(activity);
    }

    private static string Nested(int depth) =>
        "{\"type\":\"message\",\"channelData\":" + new string('[', depth) + new string(']', depth) + "}";

    private static string RandomText(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)random.Next(0, 0xD7FF)).ToArray());

    private static string Hostile(Random random) => random.Next(6) switch
    {
        0 => "\u202Eevil\u202C",
        1 => "e\u0301\u0301\u0301\u0301\u0301",
        2 => "\uFEFF\u200B\u200D",
        3 => string.Concat(Enumerable.Repeat("🙂", random.Next(1, 500))),
        4 => "'; DROP TABLE cases; --",
        _ => "\0\u0001\u001F",
    };
}
