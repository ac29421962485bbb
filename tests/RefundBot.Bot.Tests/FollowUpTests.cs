using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.AgentDesk;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Tests;

/// <summary>
/// The 48-hour troubleshooting window end to end: the case waits in LiteDB, the bot restarts, the clock jumps, and the
/// follow-up reaches the customer over the real delivery path (POSTed to the channel's serviceUrl).
/// </summary>
public sealed class FollowUpTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 12, 19, 0, 0, TimeSpan.Zero));
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = StartBot();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task After_the_window_and_a_restart_the_follow_up_comes_back_on_the_customers_channel()
    {
        var waiting = await ReachTheSupportTeamsWindowAsync();
        Assert.StartsWith("I'm sorry it still doesn't work. Our support team now takes over and has 48 hours", waiting[0].Text);
        Assert.StartsWith("The answer will come here, in this chat, while it is open", waiting[1].Text);

        await _bot.DisposeAsync();
        _clock.Advance(TimeSpan.FromHours(49));
        _bot = StartBot();
        _bot.CreateClient();

        var followUp = await _channel.NextReplyAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("It's been 48 hours since our support team took over. Is it working now?", followUp.Text);
        Assert.Null(followUp.ReplyToId);
        Assert.Equal("follow-up-conversation", followUp.ConversationId);

        // SP-5001 was bought the day before the conversation began: the 72 hours are over now, but the request was made
        // within them, and the policy's own 48 hours of support never cost the customer the full refund (issue 22).
        var decision = await SayAsync("No, it still doesn't work", replies: 2);
        Assert.StartsWith("**You are eligible for a full refund of €", decision[0].Text);
    }

    [Fact]
    public async Task A_message_stamped_three_days_ahead_does_not_end_the_48_hour_window()
    {
        await ReachTheSupportTeamsWindowAsync();

        var reply = await SayAsync("any news?", replies: 2, stampedAt: _clock.GetUtcNow().AddDays(3));

        Assert.Matches("is with our support team until March 14, 2026", reply[1].Text);
        await Assert.ThrowsAsync<TimeoutException>(() => _channel.NextReplyAsync(TimeSpan.FromSeconds(1))); // no follow-up either
    }

    [Fact]
    public async Task The_support_team_finds_the_case_on_the_desk_and_when_it_reports_it_solved_the_bot_asks_the_customer_now()
    {
        await ReachTheSupportTeamsWindowAsync();
        var task = Assert.Single(await _bot.Services.GetRequiredService<AgentDeskViews>().SupportTasksAsync(default));
        Assert.Equal((_clock.GetUtcNow().AddHours(48), 3), (task.Deadline, task.TroubleshootingSteps));

        _clock.Advance(TimeSpan.FromHours(5));
        var asked = await _bot.Services.GetRequiredService<FollowUpScheduler>()
            .AskNowAsync(task.CaseId, new AgentIdentity("alice", "Alice"), _clock.GetUtcNow(), _bot.Services.GetRequiredService<IReplyChannels>().For, default);

        Assert.True(asked);
        Assert.Equal("Our support team (Alice) has worked on your problem. Is it working now?", (await _channel.NextReplyAsync(TimeSpan.FromSeconds(15))).Text);
        Assert.Empty(await _bot.Services.GetRequiredService<AgentDeskViews>().SupportTasksAsync(default));
        var history = (await _bot.Services.GetRequiredService<CaseStore>().FindAsync(task.CaseId))!.History;
        Assert.Equal(("support reported the problem solved", "alice"), (history[^1].Why, history[^1].By.Id));

        _clock.Advance(TimeSpan.FromHours(44)); // the deadline passes: the follow-up is not asked a second time
        await Assert.ThrowsAsync<TimeoutException>(() => _channel.NextReplyAsync(TimeSpan.FromSeconds(1)));
    }

    /// <summary>An SP-5001 customer tries the troubleshooting steps, none helps: the support team's 48 hours begin.</summary>
    private async Task<IReadOnlyList<ReceivedReply>> ReachTheSupportTeamsWindowAsync()
    {
        await SayAsync("refund for SP-5001, I can't log in to the app", replies: 2);
        await SayAsync("yes", replies: 2);
        await SayAsync("something else");
        await SayAsync("Not yet", replies: 3);
        await SayAsync("no");
        await SayAsync("no");
        return await SayAsync("no", replies: 2); // the window begins; without e-mail, the answer comes in this chat
    }

    private BotUnderTest StartBot()
    {
        var bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["Policies:Default"] = "smarters-pro",
            ["FollowUps:PollInterval"] = "00:00:00.200",
        });
        return bot.WithServices(services => services.AddSingleton<TimeProvider>(_clock));
    }

    private async Task<IReadOnlyList<ReceivedReply>> SayAsync(string text, int replies = 1, DateTimeOffset? stampedAt = null)
    {
        var activity = EmulatorActivities.Message(_channel, "follow-up-conversation", text, "m-" + Guid.NewGuid().ToString("N"),
            timestamp: stampedAt ?? _clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(activity)).StatusCode);
        return await _channel.RepliesAsync(replies);
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>The same window on the website: the follow-up is stored in the Direct Line conversation for the page to stream.</summary>
public sealed class DirectLineFollowUpTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 12, 19, 0, 0, TimeSpan.Zero));
    private BotUnderTest _bot = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _bot = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["FollowUps:PollInterval"] = "00:00:00.200",
            ["DirectLine:TokenLifetime"] = "3.00:00:00", // the page would refresh its token every 15 minutes meanwhile
        }).WithServices(services => services.AddSingleton<TimeProvider>(_clock));
        _http = _bot.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task The_follow_up_reaches_a_web_chat_customer()
    {
        var issued = await (await _http.PostAsJsonAsync("/api/chat/token", new { policy = "smarters-pro", locale = "en-US" })).Content.ReadFromJsonAsync<JsonElement>();
        var conversation = issued.GetProperty("conversationId").GetString()!;
        _http.DefaultRequestHeaders.Authorization = new("Bearer", issued.GetProperty("token").GetString());
        await _http.PostAsync("/v3/directline/conversations", null);

        var count = await SayAsync(conversation, "refund for SP-5001, I can't log in to the app", 0);
        foreach (var answer in new[] { "yes", "something else", "Not yet", "no", "no", "no" })
        {
            count = await SayAsync(conversation, answer, count);
        }

        var waiting = await ActivitiesAsync(conversation);
        Assert.StartsWith("I'm sorry it still doesn't work.", waiting[^2].GetProperty("text").GetString());
        Assert.StartsWith("The answer will come here, in this chat", waiting[^1].GetProperty("text").GetString());

        _clock.Advance(TimeSpan.FromHours(49));

        var followUp = await WaitForAsync(conversation, count + 1);
        Assert.Equal("It's been 48 hours since our support team took over. Is it working now?", followUp[^1].GetProperty("text").GetString());
    }

    private async Task<int> SayAsync(string conversation, string text, int seen)
    {
        var response = await _http.PostAsJsonAsync($"/v3/directline/conversations/{conversation}/activities",
            new { type = "message", text, from = new { id = "web-user" }, locale = "en-US", timestamp = _clock.GetUtcNow() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await WaitForAsync(conversation, seen + 2)).Count;
    }

    private async Task<List<JsonElement>> WaitForAsync(string conversation, int atLeast)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var activities = await ActivitiesAsync(conversation);
            if (activities.Count >= atLeast && activities[^1].GetProperty("from").GetProperty("role").GetString() == "bot")
            {
                await Task.Delay(100);
                return await ActivitiesAsync(conversation);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the bot did not answer");
    }

    private async Task<List<JsonElement>> ActivitiesAsync(string conversation) =>
        (await _http.GetFromJsonAsync<JsonElement>($"/v3/directline/conversations/{conversation}/activities"))
            .GetProperty("activities").EnumerateArray().ToList();
}
