using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Dialogs.Tests;

/// <summary>The real conversation, composed as the bot composes it, over a given store; replies are collected.</summary>
public sealed class TestBot
{
    private static readonly Lazy<PolicyCatalog> Policies =
        new(() => PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")));

    private readonly TurnProcessor _processor;
    private readonly CollectingChannels _channels = new();
    private readonly TestClock? _arrivals;

    public TestBot(IDocumentStore store, Action<IServiceCollection>? configure = null, TimeProvider? clock = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(store)
            .AddSingleton(Policies.Value)
            .AddSingleton(clock ?? (_arrivals = new TestClock(DateTimeOffset.UnixEpoch)))
            .AddSingleton<IReplyChannels>(_channels)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddRefundConversation();
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
        _processor = Services.GetRequiredService<TurnProcessor>();
    }

    public IServiceProvider Services { get; }

    /// <summary>
    /// Handles <paramref name="activity"/> as a channel would deliver it. Unless the test brought its own clock, the
    /// activity arrives at the instant it is stamped with: the bot itself reads the time from its clock, never the stamp.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        if (_arrivals is not null && activity.Timestamp is { } arrival)
        {
            _arrivals.Now = arrival;
        }

        var delivery = new CollectingDelivery();
        await _processor.ProcessAsync(activity, delivery, CancellationToken.None);
        return delivery.Replies;
    }

    /// <summary>A MaSécurité customer's message in Paris, the <paramref name="minute"/>th minute of 20 March 2026.</summary>
    public static Activity Message(string conversation, string text, int minute, string locale = "en-US") => new()
    {
        Type = ActivityTypes.Message,
        Id = $"{conversation}-{minute}",
        Text = text,
        Locale = locale,
        ChannelId = "test",
        Timestamp = new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.Zero).AddMinutes(minute),
        LocalTimezone = "Europe/Paris",
        Conversation = new ConversationAccount { Id = conversation },
        From = new ChannelAccount { Id = "customer-" + conversation, Role = "user" },
        Recipient = new ChannelAccount { Id = "refundbot", Role = "bot" },
        ChannelData = System.Text.Json.JsonSerializer.SerializeToElement(new { policy = "masecurite" }),
    };

    /// <summary>Runs the follow-up service as of <paramref name="now"/>; returns what it sent.</summary>
    public async Task<List<Activity>> RunFollowUpsAsync(DateTimeOffset now)
    {
        if (_arrivals is not null)
        {
            _arrivals.Now = now;
        }

        var delivery = new CollectingDelivery();
        await Services.GetRequiredService<FollowUpScheduler>().RunDueAsync(now, _ => delivery, CancellationToken.None);
        return delivery.Replies;
    }

    /// <summary>Runs an agent desk action; returns its result and what the customer was sent.</summary>
    public async Task<(DeskResult Result, List<Activity> Replies)> DeskAsync(Func<HandoffDesk, Task<DeskResult>> action)
    {
        _channels.Delivery = new CollectingDelivery();
        var result = await action(Services.GetRequiredService<HandoffDesk>());
        return (result, _channels.Delivery.Replies);
    }

    private sealed class CollectingChannels : IReplyChannels
    {
        public CollectingDelivery Delivery { get; set; } = new();

        public IReplyDelivery For(ConversationReference reference) => Delivery;
    }

    private sealed class CollectingDelivery : IReplyDelivery
    {
        public List<Activity> Replies { get; } = [];

        public Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
        {
            Replies.AddRange(replies);
            return Task.CompletedTask;
        }
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
