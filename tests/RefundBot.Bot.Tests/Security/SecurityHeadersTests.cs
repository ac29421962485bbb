using System.Net;
using System.Net.Http.Json;
using RefundBot.Bot.AgentDesk;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// What the bot tells browsers about its responses: never sniff a content type, send only the origin to other sites,
/// and for the pages, which scripts may run and who may frame them (nobody for the agent desk; the bot itself and the
/// sites that embed Web Chat for the chat page).
/// </summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private BotUnderTest _bot = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["DirectLine:AllowedOrigins:0"] = "https://shop.example",
            ["AgentDesk:Agents:0:Id"] = "alice",
            ["AgentDesk:Agents:0:DisplayName"] = "Alice",
            ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("alice-secret"),
        });
        _http = _bot.CreateClient(new() { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/chat?policy=necxian")]
    [InlineData("GET", "/agent/login")]
    [InlineData("GET", "/agent")]
    [InlineData("GET", "/api/chat/policies")]
    [InlineData("POST", "/api/chat/token")]
    [InlineData("GET", "/health/live")]
    [InlineData("GET", "/chat.js")]
    [InlineData("GET", "/no-such-page")]
    [InlineData("POST", "/v3/directline/conversations")]
    public async Task Every_response_forbids_content_sniffing_and_cross_site_referrers(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { });
        }

        var response = await _http.SendAsync(request);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    [Theory]
    [InlineData("/agent/login")]
    [InlineData("/agent")]
    [InlineData("/admin")]
    [InlineData("/admin/insights.html")]
    [InlineData("/admin/studio.html")]
    [InlineData("/admin/api/insights")]
    public async Task The_agent_desk_pages_run_only_their_own_scripts_and_cannot_be_framed(string path)
    {
        var response = await _http.GetAsync(path);

        var policy = Directives(response);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["style-src"]);
        Assert.Equal("'self' ws://localhost", policy["connect-src"]);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Theory]
    [InlineData("/admin/index.html")]
    [InlineData("/admin/insights.html")]
    [InlineData("/admin/studio.html")]
    public async Task The_console_pages_have_no_inline_script_or_style_the_policy_would_block(string path)
    {
        var page = await _http.GetStringAsync(path);

        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", page);
        Assert.DoesNotMatch("<style|\\sstyle=", page);
    }

    [Fact]
    public async Task The_agent_login_page_has_no_inline_script_the_policy_would_block()
    {
        var page = await _http.GetStringAsync("/agent/login");

        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", page);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/agent/login.js")).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/chat?policy=necxian&locale=fr-FR")]
    public async Task The_chat_page_may_be_framed_only_by_the_bot_and_the_sites_that_embed_web_chat(string path)
    {
        var response = await _http.GetAsync(path);

        var policy = Directives(response);
        Assert.Equal("'self' https://shop.example", policy["frame-ancestors"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self' 'unsafe-inline'", policy["style-src"]);
        Assert.Equal("'self' blob: ws://localhost", policy["connect-src"]); // blob: Web Chat reads the file a customer picked, to upload it
        Assert.False(response.Headers.Contains("X-Frame-Options"));
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        Header(response, "Content-Security-Policy")!.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}
