using System.Text.RegularExpressions;
using MimeKit;
using Microsoft.Playwright;

namespace RefundBot.Browser.Tests;

/// <summary>
/// Issue 22 end to end, in three browser contexts: a customer whose refund the bot denies disagrees and leaves an
/// e-mail address; an agent claims the case, approves a partial refund (with a message and an internal note) and
/// hands back; the customer is told the amount, when it comes and the next step, never the note; the decision reaches
/// the loopback SMTP server in the customer's language with the amount; and its resume link, opened in a new browser,
/// shows the same conversation with its earlier messages.
/// </summary>
[Collection(EmailChatPageCollection.Name)]
public sealed partial class DisagreeAgentEmailResumeTests(EmailChatPageFixture site) : IAsyncLifetime
{
    private const string Address = "jane.doe@example.com";
    private const string InternalNote = "Weak line confirmed by the ISP; ticket RB-NOTE-77.";
    private IBrowserContext _customerContext = null!;
    private IBrowserContext _agentContext = null!;
    private IBrowserContext _laterContext = null!;
    private IPage _customer = null!;
    private IPage _agent = null!;

    public async Task InitializeAsync()
    {
        await site.ForgetCasesAsync();
        var viewport = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } };
        _customerContext = await site.Browser.NewContextAsync(viewport);
        _agentContext = await site.Browser.NewContextAsync(viewport);
        _laterContext = await site.Browser.NewContextAsync(viewport);
        foreach (var context in new[] { _customerContext, _agentContext, _laterContext })
        {
            context.SetDefaultTimeout(15_000);
        }

        _customer = await _customerContext.NewPageAsync();
        _agent = await _agentContext.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _customerContext.DisposeAsync();
        await _agentContext.DisposeAsync();
        await _laterContext.DisposeAsync();
    }

    [Fact]
    public async Task A_denied_customer_who_disagrees_gets_an_agents_partial_refund_in_the_chat_and_by_email_with_a_working_resume_link()
    {
        // 1. Denied (a weak internet connection is not refunded under this policy); the customer disagrees.
        await _customer.GotoAsync(site.BaseUrl + "/chat?policy=smarters-pro&locale=en-US");
        await _customer.Locator(ChatPageFixture.FirstBotMessage).WaitForAsync();
        await CustomerTypesAsync("refund for SP-5002, the app doesn't work");
        await CustomerSeesAsync("Here is your request:");
        await _customer.GetByRole(AriaRole.Button, new() { Name = "Yes, submit it", Exact = true }).Last.ClickAsync();
        await CustomerSeesAsync("What kind of problem are you having?");
        await CustomerTypesAsync("My internet connection is weak or unstable");
        await CustomerSeesAsync("under the refund policy, this purchase cannot be refunded.");
        var caseId = CaseId().Match(await _customer.Locator("#webchat").InnerTextAsync()).Value;
        Assert.NotEmpty(caseId);
        await CustomerTypesAsync("I disagree with the decision");
        await CustomerSeesAsync($"bringing in a member of our support team to decide on case {caseId}");
        await CustomerSeesAsync("Would you like an e-mail when our team has decided");
        await CustomerTypesAsync(Address);
        await CustomerSeesAsync($"write to j***@e***.com about case {caseId}."); // read back masked, and legible
        Assert.DoesNotContain(Address, await LastBotMessageAsync());

        // 2. The agent claims the case and approves part of it, with a message and an internal note, confirmed.
        await _agent.GotoAsync(site.BaseUrl + "/agent");
        await _agent.GetByLabel("Username").FillAsync(ChatPageFixture.AgentName.ToLowerInvariant());
        await _agent.GetByLabel("Password").FillAsync(ChatPageFixture.AgentPassword);
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _agent.Locator("#queue li", new() { HasText = "Asked for a person" }).ClickAsync();
        await _agent.Locator("#transcript li.customer", new() { HasText = "I disagree with the decision" }).WaitForAsync();
        await _agent.Locator("#case-facts", new() { HasText = "SP-5002" }).WaitForAsync();
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await CustomerSeesAsync("Alice from our support team has joined the conversation.");
        await _agent.GetByLabel("Decision").SelectOptionAsync("partial");
        await _agent.GetByLabel("Amount").FillAsync("25.00");
        await _agent.GetByLabel("What the customer reads").FillAsync("We refund part of your subscription as a gesture.");
        await _agent.GetByLabel("Internal note").FillAsync(InternalNote);
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await _agent.Locator("#confirm-text", new() { HasText = "of 25 EUR" }).WaitForAsync();
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Send to the customer" }).ClickAsync();
        await _agent.Locator("#agent-decision", new() { HasText = "Recorded: partial 25 EUR by Alice" }).WaitForAsync();
        await ScreenshotAsync(_agent, "email-agent-desk-partial-after-denial");
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Hand back to the bot" }).ClickAsync();

        // 3. The customer reads the amount, when it comes back and the next step; never the internal note.
        await CustomerSeesAsync("Alice has approved a partial refund.");
        await CustomerSeesAsync("We refund part of your subscription as a gesture.");
        await CustomerSeesAsync("Amount refunded: €25.00");
        await CustomerSeesAsync("When: ");
        await CustomerSeesAsync("Next step: nothing more is needed from you");
        await CustomerSeesAsync("Alice has handed the conversation back to me.");
        await CustomerSeesAsync($"To confirm: Alice approved a refund of €25.00 on your case {caseId}.");
        await CustomerSeesAsync("Is there anything else I can help you with?");
        Assert.DoesNotContain("RB-NOTE-77", await _customer.Locator("#webchat").InnerTextAsync());
        await ScreenshotAsync(_customer, "email-customer-after-hand-back");

        // 4. The e-mail: to the address given, in English, with the amount and a link back, never the note.
        var email = await site.NextEmailAsync(count: 1, TimeSpan.FromSeconds(30));
        Assert.Equal(Address, Assert.Single(email.To.Mailboxes).Address);
        Assert.Equal($"Smarters Pro: a decision on your case {caseId}", email.Subject);
        Assert.Equal("en", email.Body!.Headers[HeaderId.ContentLanguage]);
        var body = email.TextBody ?? "";
        Assert.Contains($"A member of our team has decided on your case {caseId}: a partial refund of €25.00 is approved.", body);
        Assert.DoesNotContain("RB-NOTE-77", body);
        var link = Regex.Match(body, Regex.Escape(site.BaseUrl) + @"/chat/resume\?t=\S+");
        Assert.True(link.Success, $"no resume link to {site.BaseUrl} in:\n{body}");

        // 5. The link, in a browser that never saw the conversation, reopens it with its earlier messages.
        var later = await _laterContext.NewPageAsync();
        await later.GotoAsync(link.Value);
        await later.Locator("#webchat").GetByText("I disagree with the decision").First.WaitForAsync();
        await later.Locator("#webchat").GetByText("Amount refunded: €25.00").Last.WaitForAsync();
        await later.Locator("#webchat").GetByText($"To confirm: Alice approved a refund of €25.00 on your case {caseId}.").Last.WaitForAsync();
        Assert.DoesNotContain("RB-NOTE-77", await later.Locator("#webchat").InnerTextAsync());
        await ScreenshotAsync(later, "email-resumed-conversation");
        Assert.Single(site.Received()); // one e-mail for the one decision
    }

    private async Task CustomerTypesAsync(string text)
    {
        var sendBox = _customer.GetByRole(AriaRole.Textbox).Last;
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
    }

    /// <summary>Waits for the text; when it never comes, the failure shows what the customer saw instead.</summary>
    private async Task CustomerSeesAsync(string text)
    {
        try
        {
            await _customer.Locator("#webchat").GetByText(text, new() { Exact = false }).Last.WaitForAsync();
        }
        catch (TimeoutException)
        {
            await ScreenshotAsync(_customer, "email-customer-timeout");
            throw new Xunit.Sdk.XunitException($"the customer never saw “{text}”; the chat reads:\n{await _customer.Locator("#webchat").InnerTextAsync()}");
        }
    }

    private Task<string> LastBotMessageAsync() =>
        _customer.Locator("#webchat .webchat__bubble:not(.webchat__bubble--from-user)").Last.InnerTextAsync();

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    [GeneratedRegex("RB-[0-9A-Z]{8}")]
    private static partial Regex CaseId();
}
