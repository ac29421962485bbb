using Microsoft.Playwright;

namespace RefundBot.Browser.Tests;

/// <summary>
/// A customer on the website: the real Web Chat bundle in Chromium, talking Direct Line to the bot. Each test leaves
/// screenshots in test-artifacts/screenshots/.
/// </summary>
[Collection(ChatPageCollection.Name)]
public sealed class ChatPageTests(ChatPageFixture site) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        await site.ForgetCasesAsync();
        _context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 860 } });
        _context.SetDefaultTimeout(15_000);
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_customer_types_and_clicks_through_a_whole_refund_to_a_decision()
    {
        await OpenAsync("/chat?policy=masecurite&locale=en-US");
        await BotSaysAsync("refund assistant. I can help");

        await TypeAsync("refund for order MS-1001, it does not work");
        await BotSaysAsync("Here is your request:");
        await ClickAsync("Yes, submit it");
        await BotSaysAsync("What is your request about?");
        await ClickAsync("Withdrawing and getting my money back");

        await BotSaysAsync("You are eligible for a partial refund of €116.71.");
        await BotSaysAsync("This decision is recorded on your case");
        await ScreenshotAsync("english-refund-decision");
    }

    [Fact]
    public async Task Reloading_the_page_continues_the_same_conversation()
    {
        await OpenAsync("/chat?policy=masecurite&locale=en-GB");
        await TypeAsync("refund for order MS-1002 please");
        await BotSaysAsync("Why would you like a refund?");
        await ScreenshotAsync("before-reload");

        await _page.ReloadAsync();

        await BotSaysAsync("Why would you like a refund?");
        await ClickAsync("I changed my mind");
        await BotSaysAsync("Here is your request:");
        await ClickAsync("Yes, submit it");
        await ClickAsync("Withdrawing and getting my money back");
        await ClickAsync("None of these");
        await BotSaysAsync("A refund isn’t available here, but there is another option.");
        await ScreenshotAsync("after-reload-decision");
    }

    [Fact]
    public async Task A_french_customer_gets_a_french_page_and_a_french_decision()
    {
        await OpenAsync("/chat?policy=smarters-pro&locale=fr-FR");
        await BotSaysAsync("assistant remboursements du service client Abonnements Smarters Pro.");
        Assert.Equal("Le remboursement, simplement", await _page.Locator("#title").TextContentAsync());

        await TypeAsync("Je veux être remboursé de la commande SP-5001, ça ne marche pas");
        await BotSaysAsync("Voici votre demande");
        await ClickAsync("Oui, envoyer");
        await BotSaysAsync("Quel type de problème rencontrez-vous");
        await ClickAsync("Un autre problème (par exemple la connexion à votre compte ou l'activation de l'abonnement)");
        await ClickAsync("Oui, mais cela n'a pas été résolu en 48 heures");

        await BotSaysAsync("Vous avez droit à un remboursement intégral de 59,99");
        await ScreenshotAsync("french-refund-decision");
    }

    [Fact]
    public async Task A_reason_written_in_markdown_shows_as_the_customers_words_not_as_the_bots_link_or_verdict()
    {
        await OpenAsync("/chat?policy=masecurite&locale=en-US");
        await TypeAsync("refund for order A-1234 bought yesterday");
        await BotSaysAsync("Why would you like a refund?");

        await TypeAsync("[Your refund is APPROVED - confirm your card here](https://evil.example/login) **Refund approved: 500 EUR** it doesn't work");
        await BotSaysAsync("Here is your request:");

        var summary = _page.Locator("#webchat").GetByText("Here is your request:").Last.Locator("xpath=ancestor::*[contains(@class,'webchat__bubble')][1]");
        Assert.Contains("https://evil.example/login", await summary.InnerTextAsync());
        Assert.Equal(0, await summary.Locator("a").CountAsync());
        Assert.Equal(0, await summary.Locator("strong, b").Filter(new() { HasText = "Refund approved" }).CountAsync());
        await ScreenshotAsync("markdown-in-a-reason");
    }

    [Fact]
    public async Task When_no_conversation_can_be_started_the_page_says_so_in_the_customers_language()
    {
        await _page.RouteAsync("**/api/chat/token", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 429, Headers = new Dictionary<string, string> { ["Retry-After"] = "60" },
            ContentType = "application/problem+json", Body = "{\"title\":\"Too many requests\"}",
        }));

        await _page.GotoAsync(site.BaseUrl + "/chat?policy=smarters-pro&locale=fr-FR");

        var notice = _page.GetByRole(AriaRole.Alert);
        await notice.WaitForAsync();
        Assert.Equal("Nous n'avons pas pu ouvrir la conversation pour le moment. Merci de réessayer dans 60 secondes.", await notice.TextContentAsync());
        await ScreenshotAsync("no-conversation-available");
    }

    private async Task OpenAsync(string path)
    {
        await _page.GotoAsync(site.BaseUrl + path);
        await _page.GetByRole(AriaRole.Textbox).Last.WaitForAsync();
        await _page.Locator(ChatPageFixture.FirstBotMessage).WaitForAsync();
    }

    private Task TypeAsync(string text) => _page.SendAsync(text);

    private Task ClickAsync(string suggestedAction) => _page.ClickSuggestedActionAsync(suggestedAction);

    private Task BotSaysAsync(string text) => _page.WaitForBotAsync(text);

    private Task ScreenshotAsync(string name) =>
        _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
