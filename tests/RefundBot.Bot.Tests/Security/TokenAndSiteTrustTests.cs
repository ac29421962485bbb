using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// "Channels that trust nothing": a Direct Line token cannot be renewed forever, and a page cannot claim another
/// site's policy by naming it.
/// </summary>
public sealed class TokenAndSiteTrustTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_token_refreshed_every_20_minutes_is_refused_once_24_hours_have_passed_since_the_first()
    {
        await using var bot = Bot().WithServices(services => services.AddSingleton<TimeProvider>(_clock));
        var client = new DirectLineClient(bot.CreateClient());
        var (conversationId, token) = await client.NewConversationAsync();

        var renewed = 0;
        HttpResponseMessage refresh;
        while (true)
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            refresh = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
            if (refresh.StatusCode != HttpStatusCode.OK)
            {
                break;
            }

            var answer = await DirectLineClient.JsonAsync(refresh);
            token = answer.GetProperty("token").GetString()!;
            Assert.True(_clock.GetUtcNow().AddSeconds(answer.GetProperty("expires_in").GetInt32()) <= new DateTimeOffset(2026, 3, 13, 9, 0, 0, TimeSpan.Zero));
            renewed++;
            Assert.True(renewed < 100, "the token is renewed forever");
        }

        Assert.Equal(HttpStatusCode.Forbidden, refresh.StatusCode);
        Assert.Equal(71, renewed); // 23 h 40 min of refreshes; the one at 24 h is refused
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetActivitiesAsync(conversationId, token)).StatusCode);
    }

    [Fact]
    public async Task Reconnecting_does_not_renew_a_token_past_its_first_issue_either()
    {
        await using var bot = Bot().WithServices(services => services.AddSingleton<TimeProvider>(_clock));
        var client = new DirectLineClient(bot.CreateClient());
        var (conversationId, token) = await client.NewConversationAsync();

        for (var i = 0; i < 80; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            var reconnect = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}", token);
            if (reconnect.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
                Assert.True(i >= 70, $"refused after {i} reconnections");
                return;
            }

            token = (await DirectLineClient.JsonAsync(reconnect)).GetProperty("token").GetString()!;
        }

        Assert.Fail("the token is renewed forever by reconnecting");
    }

    [Fact]
    public async Task A_page_on_a_example_cannot_get_b_examples_policy_by_naming_its_site()
    {
        await using var bot = Bot();
        var client = new DirectLineClient(bot.CreateClient());

        var fromA = await PolicyAsync(client, "https://a.example", new { site = "b.example" });
        var fromB = await PolicyAsync(client, "https://b.example", new { site = "b.example" });
        var noOrigin = await PolicyAsync(client, null, new { site = "b.example" });
        var notAllowed = await PolicyAsync(client, "https://b.example.evil", new { site = "b.example" });

        Assert.Equal("smarters-pro", fromA);
        Assert.Equal("necxian", fromB);
        Assert.Equal("masecurite", noOrigin);
        Assert.Equal("masecurite", notAllowed);
    }

    [Fact]
    public async Task The_embed_snippet_of_an_allowed_site_still_gets_its_sites_policy()
    {
        await using var bot = Bot();
        var client = new DirectLineClient(bot.CreateClient());

        // What the README's snippet sends from https://b.example: its own hostname as the site.
        Assert.Equal("necxian", await PolicyAsync(client, "https://b.example", new { policy = "necxian", locale = "en-US", site = "b.example" }));
    }

    [Fact]
    public async Task A_posted_message_cannot_name_another_site_than_its_conversations()
    {
        await using var bot = Bot();
        var client = new DirectLineClient(bot.CreateClient());
        var (conversationId, token) = await client.NewConversationAsync("https://a.example");

        var posted = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, new
        {
            type = "message",
            text = "hello",
            from = new { id = "user-1" },
            channelData = new { clientActivityID = "client-1", site = "b.example" },
        });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var state = await bot.Services.GetRequiredService<RefundBot.Dialogs.Runtime.Storage.IDocumentStore>().ReadAsync($"directline/conversations/{conversationId}");
        Assert.Contains("\"policyId\":\"smarters-pro\"", state!.Json);
        var log = await DirectLineClient.JsonAsync(await client.GetActivitiesAsync(conversationId, token));
        var mine = log.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("from").GetProperty("id").GetString() == "user-1");
        Assert.Equal("client-1", mine.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal("a.example", mine.GetProperty("channelData").GetProperty("site").GetString()); // the conversation's, not the one it named
    }

    [Fact]
    public async Task A_web_chat_message_cannot_claim_a_teams_tenants_policy()
    {
        await using var bot = Bot();
        var client = new DirectLineClient(bot.CreateClient());
        var (conversationId, token) = await client.NewConversationAsync();

        await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, new
        {
            type = "message", text = "hello", from = new { id = "user-1" },
            channelData = new { clientActivityID = "client-1", tenant = new { id = "contoso-tenant" } },
        });

        var state = await bot.Services.GetRequiredService<RefundBot.Dialogs.Runtime.Storage.IDocumentStore>().ReadAsync($"directline/conversations/{conversationId}");
        Assert.Contains("\"policyId\":\"masecurite\"", state!.Json); // the default, not the tenant's tech-services
    }

    private static async Task<string> PolicyAsync(DirectLineClient client, string? origin, object body) =>
        (await DirectLineClient.JsonAsync(await client.IssueAsync(origin, body))).GetProperty("policy").GetString()!;

    private static BotUnderTest Bot() => new(new Dictionary<string, string?>
    {
        ["DirectLine:TokenMaxLifetime"] = "1.00:00:00",
        ["Storage:Provider"] = "Memory",
        ["DirectLine:Secret"] = DirectLineClient.Secret,
        ["DirectLine:AllowedOrigins:0"] = "https://a.example",
        ["DirectLine:AllowedOrigins:1"] = "https://b.example",
        ["Policies:AllowClientChoice"] = "false",
        ["Policies:Default"] = "masecurite",
        ["Policies:Sites:a.example"] = "smarters-pro",
        ["Policies:Sites:b.example"] = "necxian",
        ["Policies:Tenants:contoso-tenant"] = "tech-services",
    });
}
