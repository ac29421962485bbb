using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RefundBot.Browser.Tests;

/// <summary>
/// The desk's inbox in Chromium with two customers (English and French, in Web Chat) and two agents: the count in the
/// tab title, search by order id, a language filter, the unassigned view; Alice's team note that her customer never
/// sees; Bob's canned reply in French, edited before sending, and his typing shown in the customer's Web Chat; the
/// closed conversation found in "recently closed" with its note; shortcuts; screenshots at 1280 px and axe scans.
/// </summary>
[Collection(InboxPageCollection.Name)]
public sealed partial class InboxPageTests(InboxPageFixture site, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    public async Task InitializeAsync() => await site.ForgetCasesAsync();

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_agents_search_filter_note_reply_in_french_from_a_canned_text_and_find_the_closed_case()
    {
        var english = await PageAsync();
        await english.GotoAsync(site.BaseUrl + "/chat?policy=masecurite&locale=en-US");
        await english.Locator(ChatPageFixture.FirstBotMessage).WaitForAsync();
        await english.SendAsync("refund for order MS-1001, it does not work");
        await english.WaitForBotAsync("Here is your request:");
        await english.ClickSuggestedActionAsync("Yes, submit it");
        await english.WaitForBotAsync("What is your request about?");
        await english.SendAsync("I want to talk to a person");
        await english.WaitForBotAsync("You are number 1 in the queue.");

        var french = await PageAsync();
        await french.GotoAsync(site.BaseUrl + "/chat?policy=masecurite&locale=fr-FR");
        await french.Locator(ChatPageFixture.FirstBotMessage).WaitForAsync();
        await french.SendAsync("je veux parler à un conseiller");
        await french.WaitForBotAsync("Je fais appel à un membre de notre équipe");

        var alice = await SignInAsync(ChatPageFixture.AgentName, ChatPageFixture.AgentPassword);
        var bob = await SignInAsync(InboxPageFixture.SecondAgentName, InboxPageFixture.SecondAgentPassword);
        await Assertions.Expect(alice).ToHaveTitleAsync("(2) RefundBot agent desk");
        await Assertions.Expect(alice.Locator("#queue li")).ToHaveCountAsync(2);
        await Assertions.Expect(alice.Locator("#hand-back")).ToBeHiddenAsync(); // no conversation open
        await Assertions.Expect(alice.Locator("#close")).ToBeHiddenAsync();

        // Search by order id, then a filter by language.
        await alice.GetByLabel("Search by case ID, order ID, e-mail or text").FillAsync("ms-1001");
        await Assertions.Expect(alice.Locator("#queue li")).ToHaveCountAsync(1);
        var card = alice.Locator("#queue li");
        await Assertions.Expect(card).ToContainTextAsync("order MS-1001");
        await Assertions.Expect(card).ToContainTextAsync("Bot: I'm bringing in a member of our support team");
        var caseId = CaseId().Match(await card.InnerTextAsync()).Value;
        Assert.NotEmpty(caseId);
        await alice.GetByLabel("Search by case ID, order ID, e-mail or text").FillAsync("");
        await alice.Locator("#inbox-filters summary").ClickAsync();
        await alice.GetByLabel("Language").SelectOptionAsync("fr");
        await Assertions.Expect(alice.Locator("#queue li")).ToHaveCountAsync(1);
        await Assertions.Expect(alice.Locator("#queue li")).ToContainTextAsync("FR · MaSécurité");
        await alice.GetByLabel("Language").SelectOptionAsync("");

        // Alice takes the English conversation and leaves a note for the team.
        await alice.Locator("#queue li", new() { HasText = "order MS-1001" }).ClickAsync();
        await alice.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await english.WaitForBotAsync("Alice from our support team has joined the conversation.");
        await alice.GetByLabel("Team note (the customer never sees it)").FillAsync("Called the hotline twice, ticket HL-778.");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await alice.Locator("#notes li", new() { HasText = "HL-778" }).WaitForAsync();
        // However far the conversation's panel scrolls (here to the note box), Hand back stays in sight.
        await Assertions.Expect(alice.Locator("#hand-back")).ToBeInViewportAsync(new() { Ratio = 1 });
        var handBack = await alice.Locator("#hand-back").BoundingBoxAsync();
        var panel = await alice.Locator("section.conversation").BoundingBoxAsync();
        Assert.True(handBack is not null && panel is not null && handBack.Y >= panel.Y && handBack.Y + handBack.Height <= 860,
            $"Hand back is out of sight: at {handBack?.Y}, the panel at {panel?.Y}");
        await ScreenshotAsync(alice, "agent-inbox-case");
        await AccessibilityScan.AssertNoSeriousViolationAsync(alice, "the agent desk's inbox with a case open", output);

        // Bob sees only the French customer as unassigned, takes it, and answers from a canned reply he edits.
        await bob.GetByRole(AriaRole.Button, new() { Name = "Unassigned" }).ClickAsync();
        await Assertions.Expect(bob.Locator("#queue li")).ToHaveCountAsync(1);
        await bob.Locator("#queue li", new() { HasText = "FR ·" }).ClickAsync();
        await bob.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await french.WaitForBotAsync("a rejoint la conversation."); // Web Chat's Markdown curls the apostrophes
        await bob.GetByLabel("Canned reply").SelectOptionAsync(new SelectOptionValue { Label = "Délai de remboursement" });
        var message = bob.GetByLabel("Message to the customer");
        await Assertions.Expect(message).ToHaveValueAsync(new Regex("^Une fois votre remboursement validé, il est effectué sous 14\u00A0jours ouvrés"));
        await message.PressAsync("End");
        await message.PressSequentiallyAsync(" Bonne journée\u00A0!");
        await french.Locator(".webchat__typing-indicator").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 5_000 });
        await message.PressAsync("Enter");
        await french.WaitForBotAsync("14\u00A0jours ouvrés au maximum, sur le moyen de paiement utilisé lors de la commande.");
        await french.WaitForBotAsync("Bonne journée\u00A0!");
        await ScreenshotAsync(bob, "agent-inbox");

        // Alice closes hers; it is found in "recently closed" with its note, read only.
        await alice.GetByRole(AriaRole.Button, new() { Name = "Close the conversation" }).ClickAsync();
        await english.WaitForBotAsync("Alice has closed this conversation.");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Recently closed" }).ClickAsync();
        await alice.GetByLabel("Search by case ID, order ID, e-mail or text").FillAsync(caseId);
        await alice.Locator("#queue li", new() { HasText = "closed by Alice" }).ClickAsync();
        await alice.Locator("#case-facts", new() { HasText = "MS-1001" }).WaitForAsync();
        await alice.Locator("#notes li", new() { HasText = "HL-778" }).WaitForAsync();
        await Assertions.Expect(alice.Locator("#hand-back")).ToBeHiddenAsync();
        await Assertions.Expect(alice.Locator("#note-form")).ToBeHiddenAsync();
        Assert.DoesNotContain("HL-778", await english.Locator("#webchat").InnerTextAsync());
        await ScreenshotAsync(alice, "agent-inbox-recently-closed");

        // "?" lists the shortcuts; "3" goes back to every open conversation.
        await alice.Locator("body").ClickAsync(new() { Position = new Position { X = 5, Y = 850 } });
        await alice.Keyboard.PressAsync("?");
        await Assertions.Expect(alice.Locator("#shortcuts")).ToBeVisibleAsync();
        await AccessibilityScan.AssertNoSeriousViolationAsync(alice, "the agent desk's shortcuts", output);
        await alice.Keyboard.PressAsync("Escape");
        await Assertions.Expect(alice.Locator("#shortcuts")).ToBeHiddenAsync();
        await alice.GetByLabel("Search by case ID, order ID, e-mail or text").FillAsync("");
        await alice.Locator("body").ClickAsync(new() { Position = new Position { X = 5, Y = 850 } });
        await alice.Keyboard.PressAsync("3");
        await Assertions.Expect(alice.Locator(".views button[aria-pressed='true']")).ToHaveTextAsync("All open");
        await Assertions.Expect(alice.Locator("#queue li")).ToHaveCountAsync(1);
        await Assertions.Expect(alice).ToHaveTitleAsync("RefundBot agent desk"); // nobody waits: Bob has the French customer
    }

    private async Task<IPage> PageAsync()
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    private async Task<IPage> SignInAsync(string name, string password)
    {
        var page = await PageAsync();
        await page.GotoAsync(site.BaseUrl + "/agent");
        await page.GetByLabel("Username").FillAsync(name.ToLowerInvariant());
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("#connection", new() { HasText = "live" }).WaitForAsync();
        return page;
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    [GeneratedRegex(@"RB-[0-9A-Z]{8}")]
    private static partial Regex CaseId();
}
