using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using RefundBot.Bot.Tests.Payments;

namespace RefundBot.Browser.Tests;

/// <summary>
/// Issue 26 end to end in the real Web Chat: an MaSécurité customer (order MS-1001, on the order record) is decided a
/// partial refund of €116.71, within the bot's limit, so the bot requests it from the loopback fake of Stripe at once
/// (once, in exact minor units, on the order's PaymentIntent); the customer leaves an e-mail address while Stripe
/// works on it; Stripe's signed webhook reports it succeeded; the customer reads in the chat that it was issued, with
/// the method and the policy's timeline, and the e-mail reaches the loopback SMTP server.
/// </summary>
[Collection(StripeChatPageCollection.Name)]
public sealed partial class StripeRefundWebChatTests(StripeChatPageFixture site) : IAsyncLifetime
{
    private const string Address = "jane.doe@example.com";
    private IBrowserContext _context = null!;
    private IPage _customer = null!;

    public async Task InitializeAsync()
    {
        await site.ForgetCasesAsync();
        _context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        _context.SetDefaultTimeout(15_000);
        _customer = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task An_approved_masecurite_refund_is_issued_through_stripe_once_and_the_customer_told_in_the_chat_and_by_email()
    {
        // 1. Decided within the bot's limit, on the order record: requested from Stripe in the decision's commit.
        site.Stripe.NewStatus = "pending";
        await _customer.GotoAsync(site.BaseUrl + "/chat?policy=masecurite&locale=en-US");
        await _customer.Locator(ChatPageFixture.FirstBotMessage).WaitForAsync();
        await CustomerTypesAsync("I want a refund for order MS-1001, it doesn't work");
        await CustomerSeesAsync("Here is your request:");
        await CustomerTypesAsync("yes");
        await CustomerTypesAsync("Withdrawing and getting my money back");
        await CustomerSeesAsync("You are eligible for a partial refund of €116.71.");
        await CustomerSeesAsync("I have requested this refund from our payment system.");
        var caseId = CaseId().Match(await _customer.Locator("#webchat").InnerTextAsync()).Value;
        Assert.NotEmpty(caseId);

        // 2. While Stripe works on it, the customer leaves an address.
        await CustomerSeesAsync("Would you like an e-mail when your refund is on its way?");
        await CustomerTypesAsync(Address);
        await CustomerSeesAsync($"about case {caseId}.");
        var refund = await RefundAtStripeAsync();
        Assert.Equal((11671L, "pi_sample_ms1001", caseId), (refund["amount"]!.GetValue<long>(), refund["payment_intent"]!.GetValue<string>(),
            refund["metadata"]!["refundbot_case"]!.GetValue<string>()));

        // 3. Stripe's signed webhook: the refund succeeded; the customer is told in the chat.
        var succeeded = refund.DeepClone().AsObject();
        succeeded["status"] = "succeeded";
        var (body, signature) = FakeStripe.Event("evt_browser_1", "refund.updated", succeeded, DateTimeOffset.UtcNow);
        using (var http = new HttpClient())
        using (var request = new HttpRequestMessage(HttpMethod.Post, site.BaseUrl + RefundBot.Bot.Payments.StripeWebhookApi.Path)
               { Content = new StringContent(body, Encoding.UTF8, "application/json") })
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        await CustomerSeesAsync("Your refund of €116.71 has been issued.");
        await CustomerSeesAsync("It goes back to the payment method you used for the order.");
        await CustomerSeesAsync("The refund is processed within a maximum of 14 business days");
        await ScreenshotAsync("stripe-refund-issued");

        // 4. The e-mail: to the address given, in English, with the amount, the method and the timeline.
        var email = await site.NextEmailAsync(count: 1, TimeSpan.FromSeconds(30));
        Assert.Equal(Address, Assert.Single(email.To.Mailboxes).Address);
        Assert.Equal($"MaSécurité: your refund is done (case {caseId})", email.Subject);
        Assert.Equal("en", email.Body!.Headers[HeaderId.ContentLanguage]);
        var text = email.TextBody ?? "";
        Assert.Contains($"The refund of your case {caseId} has been issued: €116.71, to the payment method you used for the order.", text);
        Assert.Contains("14 business days", text);
        Assert.Single(site.Stripe.Refunds); // one refund at Stripe
        Assert.Single(site.Received()); // one e-mail for the one refund
    }

    private async Task<JsonObject> RefundAtStripeAsync()
    {
        for (var attempt = 0; attempt < 100 && site.Stripe.Refunds.IsEmpty; attempt++)
        {
            await Task.Delay(100);
        }

        return Assert.Single(site.Stripe.Refunds);
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
            await ScreenshotAsync("stripe-customer-timeout");
            throw new Xunit.Sdk.XunitException($"the customer never saw “{text}”; the chat reads:\n{await _customer.Locator("#webchat").InnerTextAsync()}");
        }
    }

    private Task ScreenshotAsync(string name) =>
        _customer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    [GeneratedRegex("RB-[0-9A-Z]{8}")]
    private static partial Regex CaseId();
}
