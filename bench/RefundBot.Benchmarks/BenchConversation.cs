using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RefundBot.Dialogs;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;

/// <summary>The real conversation composed over a given store, and the customer's messages, for in-process benchmarks.</summary>
internal static class BenchConversation
{
    public static IServiceCollection Services(IDocumentStore store, PolicyCatalog policies) => new ServiceCollection()
        .AddSingleton(store)
        .AddSingleton(policies)
        .AddSingleton(TimeProvider.System)
        .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
        .AddSingleton<IReplyChannels, NoChannels>();

    /// <summary>A MaSécurité customer's message, as Web Chat in Paris would send it.</summary>
    public static Activity Message(string conversation, int turn, string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"{conversation}-{turn}",
        Text = text,
        Locale = "en-US",
        ChannelId = "bench",
        LocalTimezone = "Europe/Paris",
        Conversation = new ConversationAccount { Id = conversation },
        From = new ChannelAccount { Id = "customer", Role = "user" },
        Recipient = new ChannelAccount { Id = "refundbot", Role = "bot" },
        ChannelData = JsonSerializer.SerializeToElement(new { policy = "masecurite" }),
    };

    /// <summary>Keeps only the number of replies.</summary>
    public sealed class CountingDelivery : IReplyDelivery
    {
        public int Replies { get; private set; }

        public Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
        {
            Replies += replies.Count;
            return Task.CompletedTask;
        }
    }

    private sealed class NoChannels : IReplyChannels
    {
        public IReplyDelivery For(ConversationReference reference) => throw new InvalidOperationException("No proactive messages here.");
    }
}
