using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Tests;

/// <summary>
/// One entrance: a follow-up (and so the agent desk's and the hand-off monitor's events, which enter the same way)
/// runs through the conversation's queue, after the customer's turn in hand, never beside it. Before, the scheduler
/// called the turn processor directly, and its turn ran while the customer's was still under way.
/// </summary>
public sealed class OneEntranceTests : IAsyncLifetime
{
    private readonly RecordingBot _recorder = new();
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = new BotUnderTest(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" })
            .WithServices(services => services.Replace(ServiceDescriptor.Singleton<IConversationBot>(_recorder)));
    }

    public async Task DisposeAsync()
    {
        _recorder.Release.TrySetResult();
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task A_follow_up_waits_for_the_customers_turn_in_hand_and_runs_after_it()
    {
        var now = DateTimeOffset.UtcNow;
        var reference = new ConversationReference("emulator", _channel.ServiceUrl, new ConversationAccount { Id = "ordered" },
            new ChannelAccount { Id = "user-1" }, new ChannelAccount { Id = "bot-1" }, "en-US");
        await _bot.Services.GetRequiredService<CaseStore>().SaveAsync(new RefundCase
        {
            Id = "C-ORDER", ConversationKey = reference.ConversationKey, CreatedAt = now.AddDays(-3), Language = "en",
            OrderId = "A-1000", PurchaseDate = DateOnly.FromDateTime(now.AddDays(-5).UtcDateTime), Reason = "broken", ReasonCategory = "defective",
            Reference = reference, Status = CaseStatus.WaitingForSupport,
            WaitingUntil = now.AddHours(1), // not due for the bot's own follow-up service: the test runs the scheduler itself
        });

        var customer = _bot.PostAsync(EmulatorActivities.Message(_channel, "ordered", "hello", "m1"));
        await _recorder.CustomerTurnStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var followUps = _bot.Services.GetRequiredService<FollowUpScheduler>()
            .RunDueAsync(now.AddHours(2), _bot.Services.GetRequiredService<IReplyChannels>().For, CancellationToken.None);
        await Task.Delay(300); // time enough for a follow-up that does not wait its turn to start
        _recorder.Release.TrySetResult();
        await Task.WhenAll(customer, followUps).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["start message", "end message", "start event", "end event"], _recorder.Log);
    }

    /// <summary>Holds the customer's message until released, and writes down when each turn starts and ends.</summary>
    private sealed class RecordingBot : IConversationBot
    {
        public ConcurrentQueue<string> Log { get; } = new();

        public TaskCompletionSource CustomerTurnStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            Log.Enqueue("start " + turn.Activity.Type);
            if (turn.Activity.IsMessage)
            {
                CustomerTurnStarted.TrySetResult();
                await Release.Task;
            }

            Log.Enqueue("end " + turn.Activity.Type);
        }
    }
}
