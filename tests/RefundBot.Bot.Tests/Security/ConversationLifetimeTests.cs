using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RefundBot.Bot.Privacy;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// "Channels that trust nothing", conversations without end: new conversations are limited per client address and
/// per site, and idle Direct Line conversations are removed by the retention job, unless a person or a follow-up
/// still needs them.
/// </summary>
public sealed class ConversationLifetimeTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The chat page's token endpoint reads no credential, so one sent along (any bearer) changes nothing.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("anything")]
    public async Task The_21st_chat_token_in_a_minute_from_one_address_gets_429(string? bearer)
    {
        await using var bot = Bot();
        var http = bot.CreateClient();
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        var client = new DirectLineClient(http);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.IssueAsync(origin: null, new { })).StatusCode);
        }

        var refused = await client.IssueAsync(origin: null, new { });

        await DirectLineClient.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Direct_line_conversations_are_limited_per_address_without_the_secret_and_per_site_with_it()
    {
        await using var bot = Bot(new() { ["RateLimits:ConversationsPerClientPerMinute"] = "2", ["RateLimits:ConversationsPerSitePerMinute"] = "3" });
        var client = new DirectLineClient(bot.CreateClient());

        var withoutCredential = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            withoutCredential.Add((await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", bearer: null)).StatusCode);
        }

        var withSecret = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var path = i % 2 == 0 ? "/v3/directline/tokens/generate" : "/v3/directline/conversations";
            withSecret.Add((await client.SendAsync(HttpMethod.Post, path, DirectLineClient.Secret)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], withoutCredential);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], withSecret);
    }

    [Fact]
    public async Task One_site_that_asks_for_too_many_conversations_gets_429_and_another_site_does_not()
    {
        await using var bot = Bot(new() { ["RateLimits:ConversationsPerClientPerMinute"] = "0", ["RateLimits:ConversationsPerSitePerMinute"] = "3" });
        var client = new DirectLineClient(bot.CreateClient());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.IssueAsync("https://a.example", new { })).StatusCode);
        }

        await DirectLineClient.AssertProblemAsync(await client.IssueAsync("https://a.example", new { site = "b.example" }), HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await client.IssueAsync("https://b.example", new { })).StatusCode);
    }

    [Fact]
    public async Task One_run_of_the_retention_job_removes_an_idle_conversation_and_keeps_a_recent_one_and_one_a_person_has()
    {
        await using var bot = Bot().WithServices(services => services.AddSingleton<TimeProvider>(_clock));
        var client = new DirectLineClient(bot.CreateClient());
        var (idle, idleToken) = await client.NewConversationAsync();
        await client.StartAsync(idle, idleToken);
        var (handedOff, handedOffToken) = await client.NewConversationAsync();
        await client.StartAsync(handedOff, handedOffToken);
        await HandOffAsync(bot, handedOff);
        var (waiting, waitingToken) = await client.NewConversationAsync();
        await client.StartAsync(waiting, waitingToken);
        await AwaitFollowUpAsync(bot, waiting);

        _clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(1));
        var (recent, recentToken) = await client.NewConversationAsync();
        await client.StartAsync(recent, recentToken);
        await RetentionJob(bot).RunOnceAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetActivitiesAsync(idle, DirectLineClient.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{idle}", DirectLineClient.Secret)).StatusCode);
        Assert.Empty(await bot.Services.GetRequiredService<IDocumentStore>().ListAsync($"directline/{idle}/"));
        foreach (var kept in new[] { recent, handedOff, waiting })
        {
            var log = await DirectLineClient.JsonAsync(await client.GetActivitiesAsync(kept, DirectLineClient.Secret));
            Assert.NotEqual(0, log.GetProperty("activities").GetArrayLength());
        }
    }

    /// <summary>
    /// Issue 28: a request's token is checked without reading the store each time, yet a removed conversation is
    /// refused with its token still valid: at once when this instance removed it, and once the remembered record is
    /// older than DirectLine:RecordCacheLifetime when another instance did (its record simply gone from the store).
    /// </summary>
    [Fact]
    public async Task A_removed_conversation_is_refused_with_a_valid_token_here_at_once_and_elsewhere_within_the_record_lifetime()
    {
        await using var bot = Bot().WithServices(services => services.AddSingleton<TimeProvider>(_clock));
        var client = new DirectLineClient(bot.CreateClient());
        var conversations = bot.Services.GetRequiredService<RefundBot.Bot.Channels.DirectLine.DirectLineConversations>();
        var (here, hereToken) = await client.NewConversationAsync();
        await client.StartAsync(here, hereToken);
        var (elsewhere, elsewhereToken) = await client.NewConversationAsync();
        await client.StartAsync(elsewhere, elsewhereToken);
        Assert.Equal(HttpStatusCode.OK, (await client.PostMessageAsync(elsewhere, elsewhereToken, "hello")).StatusCode);

        await conversations.RemoveAsync(here, CancellationToken.None);
        await bot.Services.GetRequiredService<IDocumentStore>().DeleteAsync($"directline/{elsewhere}");

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostMessageAsync(here, hereToken, "hello")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetActivitiesAsync(here, hereToken)).StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostMessageAsync(elsewhere, elsewhereToken, "hello")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetActivitiesAsync(elsewhere, elsewhereToken)).StatusCode);
    }

    private static TranscriptRetentionService RetentionJob(BotUnderTest bot) =>
        bot.Services.GetServices<IHostedService>().OfType<TranscriptRetentionService>().Single();

    /// <summary>The conversation's state as the hand-off leaves it: a person has been asked for.</summary>
    private async Task HandOffAsync(BotUnderTest bot, string conversationId)
    {
        var store = bot.Services.GetRequiredService<IDocumentStore>();
        var key = $"directline/conversations/{conversationId}";
        var stored = await store.ReadAsync(key);
        var state = JsonSerializer.Deserialize<ConversationState>(stored!.Json, ActivityJson.Options)!;
        state.Handoff = new HandoffStatus("asked", _clock.GetUtcNow());
        await store.WriteAsync(key, JsonSerializer.Serialize(state, ActivityJson.Options), stored.ETag);
    }

    /// <summary>A case of the conversation waiting for support to resolve it, with its follow-up still to come.</summary>
    private async Task AwaitFollowUpAsync(BotUnderTest bot, string conversationId)
    {
        var reference = new ConversationReference("directline", null, new ConversationAccount { Id = conversationId }, null, null, "en-US");
        await bot.Services.GetRequiredService<CaseStore>().SaveAsync(new RefundCase
        {
            Id = "case-" + conversationId,
            ConversationKey = reference.ConversationKey,
            CreatedAt = _clock.GetUtcNow(),
            Language = "en",
            OrderId = "A-1234",
            PurchaseDate = new DateOnly(2026, 3, 1),
            Reason = "it does not work",
            ReasonCategory = "defective",
            Reference = reference,
            Status = CaseStatus.WaitingForSupport,
            WaitingUntil = _clock.GetUtcNow() + TimeSpan.FromHours(48),
        });
    }

    private static BotUnderTest Bot(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["DirectLine:Secret"] = DirectLineClient.Secret,
            ["DirectLine:AllowedOrigins:0"] = "https://a.example",
            ["DirectLine:AllowedOrigins:1"] = "https://b.example",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return new BotUnderTest(settings);
    }
}
