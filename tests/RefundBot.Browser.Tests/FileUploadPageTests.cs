using Microsoft.Playwright;
using UglyToad.PdfPig.Writer;

namespace RefundBot.Browser.Tests;

/// <summary>
/// Issue 23 on the real pages: a customer sends a receipt with Web Chat's upload button (the file input Playwright
/// fills), the bot acknowledges it; the agent who takes the conversation finds the file under the transcript, compared
/// with the case, and downloads it. A file that is not a PDF or a photo is refused in the chat. A photo shows as its thumbnail.
/// </summary>
[Collection(ChatPageCollection.Name)]
public sealed class FileUploadPageTests(ChatPageFixture site) : IAsyncLifetime
{
    private IBrowserContext _customerContext = null!;
    private IBrowserContext _agentContext = null!;
    private IPage _customer = null!;
    private IPage _agent = null!;

    public async Task InitializeAsync()
    {
        await site.ForgetCasesAsync(); // an earlier test's conversation would be first in the queue
        var viewport = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 }, AcceptDownloads = true };
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
    public async Task A_receipt_uploaded_in_web_chat_is_acknowledged_and_the_agent_downloads_it_from_the_desk()
    {
        var receipt = Receipt("Receipt for order SD-2001", "Total paid: 49.00 EUR");
        await _customer.GotoAsync(site.BaseUrl + "/chat?policy=seven-day-services&locale=en-US");
        await _customer.Locator(ChatPageFixture.FirstBotMessage).WaitForAsync();
        await _customer.SendAsync("refund for order SD-2001, it does not work");
        await _customer.WaitForBotAsync("Here is your request:");
        await _customer.ClickSuggestedActionAsync("Yes, submit it");
        await _customer.WaitForBotAsync("recorded as case");

        await _customer.Locator("#webchat input[type=file]").SetInputFilesAsync(new FilePayload { Name = "renamed.pdf", MimeType = "application/pdf", Buffer = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0] });
        await SendAttachedAsync();
        await _customer.WaitForBotAsync("I can keep only photos (JPEG, PNG, HEIC) and PDF files");
        await _customer.Locator("#webchat input[type=file]").SetInputFilesAsync(new FilePayload { Name = "receipt.pdf", MimeType = "application/pdf", Buffer = receipt });
        await SendAttachedAsync();
        await _customer.WaitForBotAsync("Thanks, I have received receipt.pdf");
        await _customer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, "chat-file-received.png") });
        await _customer.SendAsync("I want to talk to a person");
        await _customer.WaitForBotAsync("in the queue");

        await _agent.GotoAsync(site.BaseUrl + "/agent");
        await _agent.GetByLabel("Username").FillAsync(ChatPageFixture.AgentName.ToLowerInvariant());
        await _agent.GetByLabel("Password").FillAsync(ChatPageFixture.AgentPassword);
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _agent.Locator("#queue li", new() { HasText = "Asked for a person" }).First.ClickAsync();
        await _agent.Locator("#transcript li", new() { HasText = "📎 receipt.pdf" }).WaitForAsync();
        var file = _agent.Locator("#files li", new() { HasText = "receipt.pdf" });
        await file.Locator("text=order ID found ✓").WaitForAsync();
        Assert.DoesNotContain("renamed.pdf", await _agent.Locator("#files").InnerTextAsync());
        await _agent.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, "agent-desk-files.png"), FullPage = true });

        var download = await _agent.RunAndWaitForDownloadAsync(() => file.GetByRole(AriaRole.Link).ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), "refundbot-download-" + Guid.NewGuid().ToString("N"));
        await download.SaveAsAsync(saved);
        Assert.Equal(receipt, await File.ReadAllBytesAsync(saved));
        File.Delete(saved);
    }

    /// <summary>A photo the customer sends shows on the desk as its thumbnail, drawn by the bot; clicking it opens (downloads) the photo itself.</summary>
    [Fact]
    public async Task A_photo_sent_in_web_chat_shows_on_the_desk_as_a_thumbnail_that_opens_the_photo()
    {
        var photo = Photo(900, 600);
        await _customer.GotoAsync(site.BaseUrl + "/chat?policy=seven-day-services&locale=en-US");
        await _customer.Locator(ChatPageFixture.FirstBotMessage).WaitForAsync();
        await _customer.Locator("#webchat input[type=file]").SetInputFilesAsync(new FilePayload { Name = "error-screen.png", MimeType = "image/png", Buffer = photo });
        await SendAttachedAsync();
        await _customer.WaitForBotAsync("Thanks, I have received error-screen.png");
        await _customer.SendAsync("I want to talk to a person");
        await _customer.WaitForBotAsync("in the queue");

        await _agent.GotoAsync(site.BaseUrl + "/agent");
        await _agent.GetByLabel("Username").FillAsync(ChatPageFixture.AgentName.ToLowerInvariant());
        await _agent.GetByLabel("Password").FillAsync(ChatPageFixture.AgentPassword);
        await _agent.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _agent.Locator("#queue li", new() { HasText = "Asked for a person" }).First.ClickAsync();
        var thumbnail = _agent.Locator("#files li", new() { HasText = "error-screen.png" }).Locator("img.thumb");
        await thumbnail.WaitForAsync();
        await _agent.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await thumbnail.ElementHandleAsync());

        Assert.Equal(240, await thumbnail.EvaluateAsync<int>("img => img.naturalWidth"));
        Assert.Equal(160, await thumbnail.EvaluateAsync<int>("img => img.naturalHeight"));
        await _agent.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, "agent-desk-thumbnail.png"), FullPage = true });
        var download = await _agent.RunAndWaitForDownloadAsync(() => thumbnail.ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), "refundbot-download-" + Guid.NewGuid().ToString("N"));
        await download.SaveAsAsync(saved);
        Assert.Equal(photo, await File.ReadAllBytesAsync(saved));
        File.Delete(saved);
    }

    private static byte[] Photo(int width, int height)
    {
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, height));
        surface.Canvas.Clear(SkiaSharp.SKColors.SteelBlue);
        using var image = surface.Snapshot();
        using var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>
    /// Web Chat keeps chosen files in the send box until the customer sends (its default, sendAttachmentOn: send). It
    /// takes them only once it has drawn each photo's thumbnail, then ticks the upload button: a Send clicked before
    /// the tick sends nothing (a customer sees the tick; under load the thumbnail took longer than the click).
    /// </summary>
    private async Task SendAttachedAsync()
    {
        await _customer.Locator("#webchat .webchat__attachment-icon--checked").WaitForAsync();
        await _customer.Locator("#webchat").GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
    }

    private static byte[] Receipt(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        for (var i = 0; i < lines.Length; i++)
        {
            page.AddText(lines[i], 12, new UglyToad.PdfPig.Core.PdfPoint(50, 750 - (i * 20)), font);
        }

        return builder.Build();
    }
}
