using Microsoft.Playwright;

namespace RefundBot.Browser.Tests;

/// <summary>
/// Issue 22, problem 7 on the real pages: a Web Chat customer gets a provisional refund on an order the records do not
/// know; an agent finds it on the desk's verification list, opens it, checks each fact (confirming each check), and the
/// customer reads in the chat that the team checked the order and the refund stands. Since issue 23 the proof of
/// purchase is a receipt uploaded with Web Chat's button: the agent accepts the file, and the decision follows.
/// </summary>
[Collection(ChatPageCollection.Name)]
public sealed class VerificationPageTests(ChatPageFixture site) : IAsyncLifetime
{
    private IBrowserContext _customerContext = null!;
    private IBrowserContext _agentContext = null!;
    private IPage _customer = null!;
    private IPage _agent = null!;

    public async Task InitializeAsync()
    {
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
    public async Task An_agent_verifies_a_provisional_refund_from_the_list_and_the_customer_is_told_it_stands()
    {
        await _customer.GotoAsync(site.BaseUrl + "/chat?policy=seven-day-services&locale=en-US");
        await CustomerSeesAsync("refund assistant. I can help");
        await CustomerTypesAsync("hi, I want a refund for order SD-7301, bought yesterday, the service doesn't work, I paid €79");
        await CustomerSeesAsync("Here is your request:");
        await _customer.GetByRole(AriaRole.Button, new() { Name = "Yes, submit it", Exact = true }).Last.ClickAsync();
        await CustomerSeesAsync("A refund needs a valid proof of purchase");
        await _customer.Locator("#webchat input[type=file]").SetInputFilesAsync(new FilePayload { Name = "receipt.pdf", MimeType = "application/pdf", Buffer = MinimalPdf });
        await _customer.Locator("#webchat").GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await CustomerSeesAsync("Thanks, I have received receipt.pdf");
        await CustomerSeesAsync("Terms of Use");
        await CustomerTypesAsync("no");
        await CustomerSeesAsync("What kind of purchase was it?");
        await CustomerTypesAsync("a one-time purchase");
        await CustomerSeesAsync("how much of the service have you already used");
        await CustomerTypesAsync("0");
        await CustomerSeesAsync("our team checks your order before it is issued");
        await CustomerSeesAsync("our team checks the file you sent");

        await _agent.GotoAsync(site.BaseUrl + "/agent");
        await _agent.GetByLabel("Username").FillAsync(ChatPageFixture.AgentName.ToLowerInvariant());
        await _agent.GetByLabel("Password").FillAsync(ChatPageFixture.AgentPassword);
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var item = _agent.Locator("#verifications li", new() { HasText = "Proof of purchase" });
        await item.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();

        await _agent.Locator("#verifications dd[data-fact-id='amount_paid'] form").WaitForAsync();
        await _agent.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, "agent-desk-verification.png"), FullPage = true });

        var confirmations = new List<string>();
        _agent.Dialog += async (_, dialog) =>
        {
            confirmations.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        foreach (var fact in new[] { "amount_paid", "purchase_date", "purchase_type" })
        {
            var row = _agent.Locator($"#verifications dd[data-fact-id='{fact}']");
            await row.GetByRole(AriaRole.Button, new() { Name = "Verified as stated" }).ClickAsync();
            await row.Locator("text=verified by Alice").Or(_agent.Locator("#verifications-empty:visible")).First.WaitForAsync();
        }

        // The receipt is not "verified as stated": the agent accepts the file, and the decision follows in Web Chat.
        await _agent.Locator("#verifications dd[data-fact-id='proof_of_purchase']").GetByRole(AriaRole.Button, new() { Name = "Accept the file" }).ClickAsync();
        await CustomerSeesAsync("accepted it as your proof of purchase");
        await CustomerSeesAsync("Our team has checked your order: your refund stands.");
        await CustomerSeesAsync("Amount refunded: €79.00");
        await _agent.Locator("#verifications-empty").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Equal(4, confirmations.Count);
        Assert.StartsWith("Accept the file as \"Proof of purchase\"?", confirmations[3]);
        Assert.StartsWith("Confirm that \"Amount paid\" (€79.00) matches the business's records?", confirmations[0]);
    }

    /// <summary>The smallest file the bot keeps as a PDF (its type is read from its first bytes).</summary>
    private static readonly byte[] MinimalPdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    private async Task CustomerTypesAsync(string text)
    {
        var sendBox = _customer.GetByRole(AriaRole.Textbox).Last;
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
    }

    private Task CustomerSeesAsync(string text) =>
        _customer.Locator("#webchat").GetByText(text, new() { Exact = false }).Last.WaitForAsync();
}
