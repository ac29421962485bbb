using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace RefundBot.Browser.Tests;

/// <summary>
/// Cross-site WebSocket hijacking, as the report reproduced it: a page on a sibling origin (another port of the same
/// host, which SameSite=Strict counts as the same site) opened in a signed-in agent's browser connects to the agent
/// hub with the agent's cookie. The hub must refuse it; the desk's own page still connects.
/// </summary>
[Collection(ChatPageCollection.Name)]
public sealed class AgentHubOriginTests(ChatPageFixture site) : IAsyncLifetime
{
    private IBrowserContext _agent = null!;

    public async Task InitializeAsync()
    {
        _agent = await site.Browser.NewContextAsync();
        _agent.SetDefaultTimeout(15_000);
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task A_page_on_a_sibling_port_cannot_use_a_signed_in_agents_hub()
    {
        var desk = await _agent.NewPageAsync();
        await desk.GotoAsync(site.BaseUrl + "/agent");
        await desk.GetByLabel("Username").FillAsync(ChatPageFixture.AgentName.ToLowerInvariant());
        await desk.GetByLabel("Password").FillAsync(ChatPageFixture.AgentPassword);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await desk.WaitForURLAsync(url => url.TrimEnd('/').EndsWith("/agent", StringComparison.Ordinal));

        var hub = new Uri(site.BaseUrl.Replace("http://", "ws://") + "/agent/hub");
        Assert.Equal("handshake answered", await TryHubAsync(desk, hub)); // the desk's own origin, with the cookie

        // Another port of the same host, served on loopback (Chromium treats a page from nowhere as public, and a
        // public page may not reach loopback at all, which would hide the attack); its WebSocket goes to the real bot.
        await using var siblingSite = await SiblingSiteAsync();
        var sibling = await _agent.NewPageAsync();
        await sibling.GotoAsync(siblingSite.Urls.Single() + "/evil.html");

        Assert.Equal("refused", await TryHubAsync(sibling, hub));
    }

    private static async Task<WebApplication> SiblingSiteAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/evil.html", () => Results.Content("<!doctype html><title>Sibling</title><p>Nothing to see</p>", "text/html"));
        await app.StartAsync();
        return app;
    }

    /// <summary>Opens the hub's WebSocket from <paramref name="page"/> and sends SignalR's JSON handshake.</summary>
    private static Task<string> TryHubAsync(IPage page, Uri hub) => page.EvaluateAsync<string>("""
        url => new Promise(resolve => {
          const socket = new WebSocket(url);
          socket.onopen = () => socket.send('{"protocol":"json","version":1}\u001e');
          socket.onmessage = () => { resolve('handshake answered'); socket.close(); };
          socket.onerror = () => resolve('refused');
          socket.onclose = () => resolve('refused');
          setTimeout(() => resolve('no answer'), 10000);
        })
        """, hub.ToString());
}
