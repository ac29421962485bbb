using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RefundBot.Browser.Tests;

/// <summary>
/// Two people in two browser pages: a customer in Web Chat asks for a person, an agent signs in on /agent, claims
/// the conversation, they talk, the agent records a partial refund (with a message and an internal note, confirmed
/// before it is sent) and hands back; the customer sees the amount and the next step, never the internal note.
/// </summary>
[Collection(ChatPageCollection.Name)]
public sealed class AgentDeskPageTests(ChatPageFixture site, ITestOutputHelper output) : IAsyncLifetime
{
    private IBrowserContext _customerContext = null!;
    private IBrowserContext _agentContext = null!;
    private IPage _customer = null!;
    private IPage _agent = null!;

    public async Task InitializeAsync()
    {
        await site.ForgetCasesAsync();
        var viewport = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } };
        _customerContext = await site.Browser.NewContextAsync(viewport);
        _agentContext = await site.Browser.NewContextAsync(viewport);
        _customerContext.SetDefaultTimeout(15_000);
        _agentContext.SetDefaultTimeout(15_000);
        _customer = await _customerContext.NewPageAsync();
        _agent = await _agentContext.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _customerContext.DisposeAsync();
        await _agentContext.DisposeAsync();
    }

    [Fact]
    public async Task An_agent_takes_over_a_web_chat_conversation_decides_and_hands_back()
    {
        await _customer.GotoAsync(site.BaseUrl + "/chat?policy=masecurite&locale=en-US");
        await _customer.Locator(ChatPageFixture.FirstBotMessage).WaitForAsync(); // connected: Enter sends
        await CustomerTypesAsync("refund for order MS-1001, it does not work");
        await CustomerSeesAsync("Here is your request:");
        await _customer.GetByRole(AriaRole.Button, new() { Name = "Yes, submit it", Exact = true }).Last.ClickAsync();
        await CustomerSeesAsync("What is your request about?");
        await CustomerTypesAsync("I want to talk to a person");
        await CustomerSeesAsync("You are number 1 in the queue.");

        await _agent.GotoAsync(site.BaseUrl + "/agent");
        Assert.Contains("/agent/login", _agent.Url);
        await AccessibilityScan.AssertNoSeriousViolationAsync(_agent, "the agent desk's sign-in page", output);
        await _agent.GetByLabel("Username").FillAsync(ChatPageFixture.AgentName.ToLowerInvariant());
        await _agent.GetByLabel("Password").FillAsync(ChatPageFixture.AgentPassword);
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _agent.Locator("#queue li", new() { HasText = "Asked for a person" }).ClickAsync();
        await _agent.Locator("#transcript li.customer", new() { HasText = "I want to talk to a person" }).WaitForAsync();
        await _agent.Locator("#case-facts", new() { HasText = "MS-1001" }).WaitForAsync();
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await CustomerSeesAsync("Alice from our support team has joined the conversation.");

        await _agent.GetByLabel("Message to the customer").FillAsync("Hello, this is Alice. Let me look at your contract.");
        await _agent.GetByLabel("Message to the customer").PressAsync("Enter");
        await CustomerSeesAsync("Hello, this is Alice. Let me look at your contract.");
        // Under the agent's own name and initials, not the bot's avatar.
        await Assertions.Expect(_customer.Locator("#webchat .refundbot-agent-avatar[aria-label='Alice']").Last).ToHaveTextAsync("AL");
        await CustomerTypesAsync("Thank you, the alarm stopped working");
        await _agent.Locator("#transcript li.customer", new() { HasText = "the alarm stopped working" }).WaitForAsync();

        // The form starts from the policy's wording; the agent writes their own message, adds an internal note, and
        // confirms before anything is sent.
        await _agent.GetByLabel("Decision").SelectOptionAsync("partial");
        await Assertions.Expect(_agent.Locator("#currency")).ToHaveTextAsync("EUR");
        await _agent.GetByLabel("Amount").FillAsync("40.00");
        await _agent.GetByLabel("What the customer reads").FillAsync("We refund part of your subscription as a gesture: the alarm failed twice.");
        await _agent.GetByLabel("Internal note").FillAsync("Second failure this month; technician report RB-TECH-12.");
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await _agent.Locator("#confirm-text", new() { HasText = "of 40 EUR" }).WaitForAsync();
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Send to the customer" }).ClickAsync();

        await CustomerSeesAsync("Alice has approved a partial refund.");
        await CustomerSeesAsync("We refund part of your subscription as a gesture: the alarm failed twice.");
        await CustomerSeesAsync("Amount refunded: €40.00");
        await CustomerSeesAsync("Next step: nothing more is needed from you");
        await _agent.Locator("#agent-decision", new() { HasText = "Recorded: partial 40 EUR by Alice" }).WaitForAsync();
        await _agent.Locator("#agent-decision", new() { HasText = "technician report RB-TECH-12" }).WaitForAsync();
        await _agent.Locator("#case-history li", new() { HasText = "Alice (agent)" }).WaitForAsync();
        Assert.DoesNotContain("RB-TECH-12", await _customer.Locator("#webchat").InnerTextAsync());
        await ScreenshotAsync(_agent, "agent-desk-conversation");
        await AccessibilityScan.AssertNoSeriousViolationAsync(_agent, "the agent desk (a claimed conversation)", output);

        await _agent.GetByRole(AriaRole.Button, new() { Name = "Hand back to the bot" }).ClickAsync();
        await CustomerSeesAsync("Alice has handed the conversation back to me.");
        await _agent.Locator("#queue-empty").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.DoesNotContain("RB-TECH-12", await _customer.Locator("#webchat").InnerTextAsync());
        await ScreenshotAsync(_customer, "customer-after-hand-back");
        // E-mail (issue 22, the notifications' part): the decision's e-mail to the loopback SMTP server is checked here.
    }

    private async Task CustomerTypesAsync(string text)
    {
        var sendBox = _customer.GetByRole(AriaRole.Textbox).Last;
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
    }

    private Task CustomerSeesAsync(string text) =>
        _customer.Locator("#webchat").GetByText(text, new() { Exact = false }).Last.WaitForAsync();

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
