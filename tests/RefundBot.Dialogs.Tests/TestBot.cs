using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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

    public TestBot(IDocumentStore store, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(store)
            .AddSingleton(Policies.Value)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddRefundConversation();
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
        _processor = Services.GetRequiredService<TurnProcessor>();
    }

    public IServiceProvider Services { get; }

    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        var delivery = new CollectingDelivery();
        await _processor.ProcessAsync(activity, delivery, CancellationToken.None);
        return delivery.Replies;
    }

    /// <summary>Runs the follow-up service as of <paramref name="now"/>; returns what it sent.</summary>
    public async Task<List<Activity>> RunFollowUpsAsync(DateTimeOffset now)
    {
        var delivery = new CollectingDelivery();
        await Services.GetRequiredService<FollowUpScheduler>().RunDueAsync(now, _ => delivery, CancellationToken.None);
        return delivery.Replies;
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
