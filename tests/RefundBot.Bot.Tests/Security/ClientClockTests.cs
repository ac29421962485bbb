using System.Net;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// A refund window is judged at the server's time: an activity's <c>timestamp</c> is the client's claim. Reproduces the
/// report where every turn stamped days earlier made a 12-day-old order eligible under a 7-day policy.
/// </summary>
public sealed class ClientClockTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?> { ["Policies:Default"] = "seven-day-services" });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task An_order_outside_the_window_stays_outside_when_the_client_stamps_its_turns_days_earlier()
    {
        var elevenDaysAgo = DateTimeOffset.UtcNow.AddDays(-11);

        var summary = await SayAsync("I want a refund for order SD-2002, I changed my mind", elevenDaysAgo, expectedReplies: 2);
        Assert.Contains("- Order: SD-2002", summary[1].Text);
        var decision = await SayAsync("Yes, submit it", elevenDaysAgo.AddMinutes(1), expectedReplies: 2);

        Assert.StartsWith("Thank you. Your refund request is recorded as case", decision[0].Text);
        Assert.StartsWith("**I'm sorry: under the refund policy, this purchase cannot be refunded.**", decision[1].Text);
        Assert.DoesNotContain("€59.00", decision[1].Text);
    }

    private async Task<IReadOnlyList<ReceivedReply>> SayAsync(string text, DateTimeOffset stampedAt, int expectedReplies = 1)
    {
        var activity = EmulatorActivities.Message(_channel, "clock-conversation", text, "m-" + Guid.NewGuid().ToString("N"), timestamp: stampedAt);
        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(activity)).StatusCode);
        return await _channel.RepliesAsync(expectedReplies);
    }
}
