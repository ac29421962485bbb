using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RefundBot.Bot.Tests.ChatPage;

/// <summary>
/// What the chat page learns from the bot: the conversation's brand with its token, and the list of businesses only
/// in demo mode (ChatPage:DemoMode), so a customer outside it never sees the other businesses the bot serves.
/// </summary>
public sealed class ChatPageApiTests
{
    [Fact]
    public async Task Outside_demo_mode_the_page_gets_no_list_of_businesses()
    {
        await using var bot = Bot(demoMode: false);
        var http = bot.CreateClient();

        var page = await http.GetFromJsonAsync<JsonElement>("/api/chat/page");

        Assert.False(page.GetProperty("demoMode").GetBoolean());
        Assert.Equal(0, page.GetProperty("policies").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/chat/policies")).StatusCode);
    }

    [Fact]
    public async Task In_demo_mode_the_page_lists_every_business()
    {
        await using var bot = Bot(demoMode: true);

        var page = await bot.CreateClient().GetFromJsonAsync<JsonElement>("/api/chat/page");

        Assert.True(page.GetProperty("demoMode").GetBoolean());
        Assert.Equal(new[] { "masecurite", "necxian", "seven-day-services", "smarters-pro", "tech-services" },
            page.GetProperty("policies").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).Order().ToArray());
    }

    [Theory]
    [InlineData("smarters-pro", "fr-FR", "Abonnements Smarters Pro", "SP", null, "#7a2e3b", "Remboursements des abonnements Smarters Pro.")]
    [InlineData("necxian", "en-GB", "Necxian", "NX", "/api/chat/brand/necxian/logo", "#3d3a8c", "Necxian refunds.")]
    public async Task A_token_comes_with_its_business_brand_in_the_visitors_language(
        string policy, string locale, string botName, string initials, string? logo, string accent, string welcomeStart)
    {
        await using var bot = Bot(demoMode: true);

        var issued = await (await bot.CreateClient().PostAsJsonAsync("/api/chat/token", new { policy, locale })).Content.ReadFromJsonAsync<JsonElement>();

        var brand = issued.GetProperty("brand");
        Assert.Equal(botName, brand.GetProperty("botName").GetString());
        Assert.Equal(initials, brand.GetProperty("initials").GetString());
        Assert.Equal(logo, brand.GetProperty("logo").GetString());
        Assert.Equal(accent, brand.GetProperty("accent").GetString());
        Assert.StartsWith(welcomeStart, brand.GetProperty("welcome").GetString());
    }

    [Fact]
    public async Task A_logo_is_served_for_its_business_only()
    {
        await using var bot = Bot(demoMode: false);
        var http = bot.CreateClient();

        var logo = await http.GetAsync("/api/chat/brand/necxian/logo");
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/svg+xml", logo.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/chat/brand/masecurite/logo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/chat/brand/no-such-business/logo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/chat/brand/..%2Fnecxian/logo")).StatusCode);
    }

    private static BotUnderTest Bot(bool demoMode) =>
        new(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory", ["ChatPage:DemoMode"] = demoMode ? "true" : "false" });
}
