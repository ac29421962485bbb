using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace RefundBot.Browser.Tests;

/// <summary>
/// The pages work under their own Content Security Policy: Chromium reports no violation (a blocked script, style,
/// connection or worker) while Web Chat talks to the bot and while an agent signs in and opens the desk.
/// </summary>
[Collection(ChatPageCollection.Name)]
public sealed class ContentSecurityPolicyTests(ChatPageFixture site) : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _violations = new();
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        await site.ForgetCasesAsync();
        _context = await site.Browser.NewContextAsync();
        _context.SetDefaultTimeout(15_000);
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _violations.Enqueue(message.Text);
            }
        };
        _page.PageError += (_, error) => _violations.Enqueue("page error: " + error);
        // Every violation, also those the console does not show (a style blocked inside Web Chat, say).
        await _page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Web_chat_runs_under_the_chat_pages_policy()
    {
        await _page.GotoAsync(site.BaseUrl + "/chat?policy=masecurite&locale=en-US");
        await _page.Locator("#webchat").GetByText("refund assistant. I can help").Last.WaitForAsync();
        var sendBox = _page.GetByRole(AriaRole.Textbox).Last;
        await sendBox.FillAsync("refund for order MS-1001, it does not work");
        await sendBox.PressAsync("Enter");
        await _page.Locator("#webchat").GetByText("Here is your request:").Last.WaitForAsync();

        Assert.Empty(_violations);
    }

    [Fact]
    public async Task The_agent_desk_runs_under_its_policy()
    {
        await _page.GotoAsync(site.BaseUrl + "/agent");
        await _page.GetByLabel("Username").FillAsync(ChatPageFixture.AgentName.ToLowerInvariant());
        await _page.GetByLabel("Password").FillAsync(ChatPageFixture.AgentPassword);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _page.Locator("#connection", new() { HasText = "live" }).WaitForAsync();

        Assert.Empty(_violations);
    }
}
