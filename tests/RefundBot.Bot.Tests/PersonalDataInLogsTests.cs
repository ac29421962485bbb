using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RefundBot.Bot.Tests;

/// <summary>Logs carry no personal data in clear: a whole conversation full of it, every log line at Debug level read back.</summary>
public sealed class PersonalDataInLogsTests : IAsyncLifetime
{
    private static readonly string[] Secrets = ["jane.doe@example.com", "+33 6 12 34 56 78", "4242 4242 4242 4242", "B-2222"];
    private readonly LogCapture _logs = new();
    private readonly TempDirectory _temp = new();
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db")).WithServices(services => services.AddLogging(logging => logging
            .AddProvider(_logs)
            .AddFilter<LogCapture>(_ => true)));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_conversation_full_of_personal_data_leaves_none_of_it_in_the_logs()
    {
        await SayAsync("refund for order B-2222", "m1");
        await SayAsync("yesterday", "m2");
        await SayAsync("It broke. Reach me at jane.doe@example.com or +33 6 12 34 56 78, card 4242 4242 4242 4242", "m3");
        await SayAsync("yes", "m4");
        await SayAsync("talk to a person", "m5");

        Assert.NotEmpty(_logs.Lines);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(_logs.Lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(_logs.Lines, line => line.Replace(" ", "").Contains(secret.Replace(" ", ""), StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Says <paramref name="text"/> and waits for the bot's answer (its first reply, then any that follow at once).</summary>
    private async Task SayAsync(string text, string id)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(EmulatorActivities.Message(_channel, "pii-conversation", text, id))).StatusCode);
        await _channel.NextReplyAsync();
        await Task.Delay(300);
        while (_channel.HasPendingReply)
        {
            await _channel.NextReplyAsync();
        }
    }
}
