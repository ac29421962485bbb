using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using RefundBot.Bot.AgentDesk;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// Cross-site WebSocket hijacking of the agent desk: a page on a sibling origin (another port of the same host) opened
/// in a signed-in agent's browser sends the agent's SameSite=Strict cookie along (same site), so the desk must check the
/// Origin itself. The desk here is http://localhost (the test server's origin).
/// </summary>
public sealed class AgentDeskOriginTests : IAsyncLifetime
{
    private const string DeskOrigin = "http://localhost";
    private const string SiblingOrigin = "http://localhost:9999";
    private const string ConfiguredOrigin = "https://desk.example";
    private readonly TempDirectory _temp = new();
    private BotUnderTest _bot = null!;
    private string _cookie = "";

    public async Task InitializeAsync()
    {
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["AgentDesk:Agents:0:Id"] = "alice",
            ["AgentDesk:Agents:0:DisplayName"] = "Alice",
            ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("alice-secret"),
            ["AgentDesk:AllowedOrigins:0"] = ConfiguredOrigin,
        });
        var signIn = await _bot.CreateClient().PostAsJsonAsync("/agent/api/login", new { username = "alice", password = "alice-secret" });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        _cookie = signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_sibling_origin_page_cannot_use_the_agents_cookie_on_the_hub_or_the_desk_calls()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "/agent/hub/negotiate?negotiateVersion=1", SiblingOrigin)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "/agent/api/logout", SiblingOrigin)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "/agent/api/login", SiblingOrigin,
            new { username = "alice", password = "alice-secret" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "/agent/hub/negotiate?negotiateVersion=1", "null")).StatusCode);

        // The attack as a page would run it: SignalR's own client, the agent's cookie, the sibling page's Origin.
        await using var hijacker = Hub(SiblingOrigin);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hijacker.StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_sibling_origin_cannot_open_the_hubs_websocket_even_with_a_valid_connection_token()
    {
        var negotiated = await (await SendAsync(HttpMethod.Post, "/agent/hub/negotiate?negotiateVersion=1", DeskOrigin)).Content
            .ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var token = negotiated.GetProperty("connectionToken").GetString();
        var url = new Uri($"ws://localhost{AgentHub.Path}?id={token}");

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => Upgrade(url, SiblingOrigin));
        Assert.Contains("403", refused.Message);
        using var opened = await Upgrade(url, DeskOrigin);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, opened.State);
    }

    [Theory]
    [InlineData(DeskOrigin)]
    [InlineData(ConfiguredOrigin)]
    public async Task The_desks_own_origin_and_configured_origins_work(string origin)
    {
        await using var desk = Hub(origin);
        await desk.StartAsync();
        Assert.Empty(await desk.InvokeAsync<QueueItem[]>("GetQueue"));

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, "/agent/api/logout", origin)).StatusCode);
    }

    [Fact]
    public async Task A_request_without_an_origin_follows_the_usual_sign_in_rules()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/agent/api/me", origin: null)).StatusCode);
        // A GET changes nothing, and without CORS headers the browser keeps its answer from the foreign page.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/agent/api/me", SiblingOrigin)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, "/agent/api/logout", origin: null)).StatusCode);

        using var anonymous = new HttpRequestMessage(HttpMethod.Post, "/agent/hub/negotiate?negotiateVersion=1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _bot.CreateClient().SendAsync(anonymous)).StatusCode);
    }

    [Fact]
    public async Task The_identity_providers_form_post_to_the_sign_in_callback_is_not_taken_for_an_attack()
    {
        var callback = await SendAsync(HttpMethod.Post, AgentDeskSetup.OpenIdCallbackPath, "https://login.microsoftonline.com");

        Assert.NotEqual(HttpStatusCode.Forbidden, callback.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? origin, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", _cookie);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _bot.CreateClient().SendAsync(request);
    }

    private Task<System.Net.WebSockets.WebSocket> Upgrade(Uri url, string origin)
    {
        var client = _bot.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.Headers.Cookie = _cookie;
            request.Headers.Origin = origin;
        };
        return client.ConnectAsync(url, CancellationToken.None);
    }

    private HubConnection Hub(string origin) => new HubConnectionBuilder()
        .WithUrl(new Uri(_bot.Server.BaseAddress, AgentHub.Path), options =>
        {
            options.HttpMessageHandlerFactory = _ => _bot.Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
            options.Headers["Cookie"] = _cookie;
            options.Headers["Origin"] = origin;
        })
        .Build();
}
