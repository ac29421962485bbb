using Microsoft.Playwright;

namespace RefundBot.Browser.Tests;

/// <summary>What a customer does in Web Chat, the same in every chat-page test: type and send, click a suggested action, read the bot.</summary>
internal static class WebChatPage
{
    public static async Task SendAsync(this IPage page, string text)
    {
        var sendBox = page.GetByRole(AriaRole.Textbox).Last;
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
    }

    public static Task ClickSuggestedActionAsync(this IPage page, string suggestedAction) =>
        page.GetByRole(AriaRole.Button, new() { Name = suggestedAction, Exact = true }).Last.ClickAsync();

    public static Task WaitForBotAsync(this IPage page, string text) =>
        page.Locator("#webchat").GetByText(text, new() { Exact = false }).Last.WaitForAsync();
}
