using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RefundBot.Browser.Tests;

/// <summary>
/// The chat page on phones (320 and 375 px) and a wide screen (1280 px), in each language: a whole refund to its decision
/// with no sideways scroll, the header on one line, suggested actions wrapped rather than cut, the conversation at the
/// top of a phone's screen; each business's brand; axe-core's accessibility checks; the keyboard alone. Screenshots go
/// to test-artifacts/screenshots/refund-{language}-{width}.png.
/// </summary>
[Collection(ChatPageCollection.Name)]
public sealed class ResponsiveChatPageTests(ChatPageFixture site, ITestOutputHelper output) : IAsyncLifetime
{
    private IBrowserContext? _context;
    private IPage _page = null!;

    public Task InitializeAsync() => site.ForgetCasesAsync();

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(375, "en")]
    [InlineData(1280, "en")]
    [InlineData(320, "fr")]
    [InlineData(375, "fr")]
    [InlineData(1280, "fr")]
    public async Task A_whole_refund_fits_the_screen_without_sideways_scroll(int width, string language)
    {
        await OpenAsync(width, language == "en" ? "/chat?policy=masecurite&locale=en-US" : "/chat?policy=smarters-pro&locale=fr-FR");
        await FitsAsync(width);
        if (language == "en")
        {
            await TypeAsync("refund for order MS-1001, it does not work");
            await ClickAsync("Yes, submit it");
            await BotSaysAsync("What is your request about?");
            await FitsAsync(width);
            await ClickAsync("Withdrawing and getting my money back");
            await BotSaysAsync("You are eligible for a partial refund of €116.71.");
        }
        else
        {
            await TypeAsync("Je veux être remboursé de la commande SP-5001, ça ne marche pas");
            await ClickAsync("Oui, envoyer");
            await BotSaysAsync("Quel type de problème rencontrez-vous");
            await FitsAsync(width);
            await ClickAsync("Un autre problème (par exemple la connexion à votre compte ou l'activation de l'abonnement)");
            await _page.GetByRole(AriaRole.Button, new() { Name = "Oui, mais cela n'a pas été résolu en 48 heures" }).Last.WaitForAsync();
            await FitsAsync(width);
            await ScreenshotAsync($"refund-{language}-{width}-choices");
            await ClickAsync("Oui, mais cela n'a pas été résolu en 48 heures");
            await BotSaysAsync("Vous avez droit à un remboursement intégral de 59,99");
        }

        await FitsAsync(width);
        await ScreenshotAsync($"refund-{language}-{width}");
    }

    [Fact]
    public async Task Each_business_has_its_own_name_colour_logo_and_welcome_line()
    {
        await OpenAsync(1280, "/chat?policy=necxian&locale=en-US");
        Assert.Equal("Necxian · Refund support", await _page.Locator("#business").TextContentAsync());
        Assert.Equal("Necxian refunds. Tell us your order number and what went wrong.", await _page.Locator("#welcome").TextContentAsync());
        Assert.Equal("rgb(61, 58, 140)", await _page.Locator(".site-header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.True(await _page.Locator("#logo").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the logo loads");
        await BotSaysAsync("Hi, I");
        await _page.Locator("#webchat img[src='/api/chat/brand/necxian/logo']").First.WaitForAsync();

        await OpenAsync(1280, "/chat?policy=smarters-pro&locale=fr-FR");
        Assert.Equal("Abonnements Smarters Pro · Service remboursements", await _page.Locator("#business").TextContentAsync());
        Assert.StartsWith("Remboursements des abonnements Smarters Pro", await _page.Locator("#welcome").TextContentAsync());
        Assert.Equal("rgb(122, 46, 59)", await _page.Locator(".site-header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.True(await _page.Locator("#logo").IsHiddenAsync(), "no logo: the avatar shows the initials");
        await Assertions.Expect(_page.Locator("#webchat .webchat__initialsAvatar").First).ToHaveTextAsync("SP");
    }

    [Fact]
    public async Task The_chat_page_has_no_serious_or_critical_accessibility_violation()
    {
        await OpenAsync(1280, "/chat?policy=smarters-pro&locale=fr-FR");
        await TypeAsync("Je veux être remboursé de la commande SP-5001, ça ne marche pas");
        await BotSaysAsync("Voici votre demande");
        await AccessibilityScan.AssertNoSeriousViolationAsync(_page, "the chat page (1280 px, fr)", output);

        await OpenAsync(375, "/chat?policy=masecurite&locale=en-US");
        await TypeAsync("refund for order MS-1001, it does not work");
        await BotSaysAsync("Here is your request:");
        await AccessibilityScan.AssertNoSeriousViolationAsync(_page, "the chat page (375 px, en)", output);
    }

    [Fact]
    public async Task A_customer_can_reach_a_decision_with_the_keyboard_alone()
    {
        await OpenAsync(1280, "/chat?policy=masecurite&locale=en-US");
        Assert.True(await _page.EvaluateAsync<bool>("() => document.activeElement?.matches('#webchat input:not([type=file]), #webchat textarea') ?? false"),
            "the send box has the focus when the page opens");

        await _page.Keyboard.TypeAsync("refund for order MS-1001, it does not work");
        await _page.Keyboard.PressAsync("Enter");
        await BotSaysAsync("Here is your request:");
        await KeyboardChoosesAsync("Yes, submit it");
        await BotSaysAsync("What is your request about?");
        await KeyboardChoosesAsync("Withdrawing and getting my money back");
        await BotSaysAsync("You are eligible for a partial refund of €116.71.");
        await ScreenshotAsync("keyboard-only-decision");
    }

    /// <summary>Moves the focus backwards from the send box (Shift+Tab) to the suggested action, then presses Enter.</summary>
    private async Task KeyboardChoosesAsync(string action)
    {
        await _page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).Last.WaitForAsync();
        for (var presses = 0; presses < 20; presses++)
        {
            await _page.Keyboard.PressAsync("Shift+Tab");
            var focused = await _page.EvaluateAsync<string>("() => (document.activeElement?.innerText || '').trim()");
            if (focused == action)
            {
                await _page.Keyboard.PressAsync("Enter");
                return;
            }
        }

        Assert.Fail($"'{action}' cannot be reached with the Tab key");
    }

    /// <summary>No sideways scroll, the header on one line, no suggested action cut, and on a phone the chat at the top.</summary>
    private async Task FitsAsync(int width)
    {
        var widths = await _page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth, $"the page is {scrollWidth} px wide in a {innerWidth} px window: it scrolls sideways");
        // A phone widens its layout viewport to fit content wider than the screen: then innerWidth itself grows.
        Assert.True(innerWidth == width, $"the page is laid out {innerWidth} px wide on a {width} px screen: it scrolls sideways");

        var header = (await _page.Locator(".site-header").BoundingBoxAsync())!;
        Assert.True(header.Height <= 64, $"the header is {header.Height} px high: it wraps");

        var cut = await _page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#webchat .webchat__suggested-action')]
              .filter(b => b.scrollWidth > b.clientWidth + 1 || [...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1))
              .map(b => b.innerText)
            """);
        Assert.True(cut.Length == 0, "suggested actions cut: " + string.Join(" | ", cut));

        if (width < 760)
        {
            var chat = (await _page.Locator("#webchat").BoundingBoxAsync())!;
            Assert.True(chat.Y < 160, $"on a phone the conversation starts {chat.Y} px down");
            Assert.True(chat.Y + chat.Height <= 740 + 1, "on a phone the whole conversation box is on the screen");
        }
    }

    private async Task OpenAsync(int width, string pathOrLanguage)
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        var phone = width < 760;
        _context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = phone ? 740 : 860 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
        });
        _context.SetDefaultTimeout(15_000);
        _page = await _context.NewPageAsync();
        await _page.GotoAsync(site.BaseUrl + pathOrLanguage);
        await _page.GetByRole(AriaRole.Textbox).Last.WaitForAsync();
        await _page.Locator(ChatPageFixture.FirstBotMessage).WaitForAsync();
    }

    private Task TypeAsync(string text) => _page.SendAsync(text);

    private Task ClickAsync(string suggestedAction) => _page.ClickSuggestedActionAsync(suggestedAction);

    /// <summary>The screen as the customer sees it, once Web Chat has scrolled to the newest message.</summary>
    private async Task ScreenshotAsync(string name)
    {
        await _page.WaitForTimeoutAsync(600);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, name + ".png") });
    }

    private Task BotSaysAsync(string text) => _page.WaitForBotAsync(text);
}
