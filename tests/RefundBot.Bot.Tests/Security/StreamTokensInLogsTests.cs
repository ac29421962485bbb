using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// Direct Line tokens stay out of the logs: the stream's URL carries its token in the query (<c>/stream?t=...</c>), and
/// ASP.NET Core's hosting log prints the path and query of every request once Microsoft.AspNetCore logs at Information.
/// </summary>
public sealed class StreamTokensInLogsTests : IAsyncLifetime
{
    private const string Secret = "test-direct-line-secret";
    private readonly LogCapture _logs = new();
    private BotUnderTest _bot = null!;

    public Task InitializeAsync()
    {
        _bot = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["DirectLine:Secret"] = Secret,
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        }).WithServices(services => services.AddLogging(logging => logging.AddProvider(_logs).AddFilter<LogCapture>(_ => true)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_streamed_conversation_logged_at_debug_leaves_no_token_in_any_log_line()
    {
        var http = _bot.CreateClient();
        var generated = await PostAsync(http, "/v3/directline/tokens/generate", Secret);
        var token = generated.GetProperty("token").GetString()!;
        var conversationId = generated.GetProperty("conversationId").GetString()!;
        var streamUrl = (await PostAsync(http, "/v3/directline/conversations", token)).GetProperty("streamUrl").GetString()!;
        var streamToken = Uri.UnescapeDataString(System.Web.HttpUtility.ParseQueryString(new Uri(streamUrl).Query)["t"]!);

        using (var socket = await _bot.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None))
        {
            await ReceiveAsync(socket); // the greeting
            await PostAsync(http, $"/v3/directline/conversations/{conversationId}/activities", token,
                new { type = "message", text = "hello", from = new { id = "user-1" } });
            await ReceiveAsync(socket);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        // The stream's request (and its "Request finished" line) ends when the server next has something to send.
        await PostAsync(http, $"/v3/directline/conversations/{conversationId}/activities", token,
            new { type = "message", text = "A-1234", from = new { id = "user-1" } });
        for (var wait = 0; wait < 100 && !_logs.Lines.Any(line => line.Contains("Request finished") && line.Contains("/stream")); wait++)
        {
            await Task.Delay(50);
        }

        Assert.Contains(_logs.Lines, line => line.Contains("Request starting") && line.Contains("/stream?t=[redacted]"));
        Assert.Contains(_logs.Lines, line => line.Contains("Request finished") && line.Contains("/stream?t=[redacted]"));
        string[] secrets = [streamToken, token, Secret];
        var leaks = _logs.Lines.Where(line => secrets.Any(secret =>
            line.Contains(secret, StringComparison.Ordinal) || line.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal)));
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task The_resilience_pipeline_logs_no_line_per_attempt_by_default()
    {
        await using var bot = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["Logging:LogLevel:Default"] = "Information",
        });
        var logging = bot.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(logging.CreateLogger("RefundBot.Bot").IsEnabled(LogLevel.Information));
        Assert.False(logging.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.True(logging.CreateLogger("Polly").IsEnabled(LogLevel.Warning));
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, string bearer, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {path}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        while ((await socket.ReceiveAsync(buffer, timeout.Token)).Count == 0)
        {
        }
    }
}
