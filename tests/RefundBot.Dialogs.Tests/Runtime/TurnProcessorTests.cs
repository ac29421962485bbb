using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Dialogs.Tests.Runtime;

public sealed class TurnProcessorTests
{
    private static readonly Activity Hello = new()
    {
        Type = ActivityTypes.Message, Id = "m1", Text = "hello", ChannelId = "test",
        Conversation = new() { Id = "c1" }, From = new() { Id = "u" }, Recipient = new() { Id = "b" },
    };

    [Fact]
    public async Task A_turn_that_loses_an_etag_race_is_run_again_on_fresh_state_and_replies_once()
    {
        var store = new MemoryDocumentStore();
        var bot = new CountingBot(onFirstTurn: () => store.WriteAsync("test/conversations/c1", """{"welcomed":true}""", ETags.Any));
        var delivery = new Delivery();

        await Processor(store, bot).ProcessAsync(Hello, delivery, CancellationToken.None);

        Assert.Equal(2, bot.Turns);
        Assert.Equal(["turn 2"], delivery.Texts);
        var saved = JsonSerializer.Deserialize<ConversationState>((await store.ReadAsync("test/conversations/c1"))!.Json, ActivityJson.Options)!;
        Assert.True(saved.Welcomed, "the concurrent writer's change was overwritten");
        Assert.Equal("fr", saved.Language);
    }

    [Fact]
    public async Task A_turn_happens_at_the_servers_time_whatever_the_activity_is_stamped_with()
    {
        var serverNow = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var bot = new ClockReadingBot();
        var stampedEarlier = new Activity
        {
            Type = ActivityTypes.Message, Id = "m1", Text = "hello", ChannelId = "emulator",
            Timestamp = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero),
            Conversation = new() { Id = "c1" }, From = new() { Id = "u" }, Recipient = new() { Id = "b" },
        };

        await Processor(new MemoryDocumentStore(), bot, new TestClock(serverNow)).ProcessAsync(stampedEarlier, new Delivery(), CancellationToken.None);

        Assert.Equal(serverNow, bot.SeenNow);
        Assert.Equal(serverNow, stampedEarlier.Timestamp);
    }

    [Fact]
    public async Task State_is_not_written_when_the_turn_did_not_change_it()
    {
        var store = new MemoryDocumentStore();
        var etag = await store.WriteAsync("test/conversations/c1", JsonSerializer.Serialize(new ConversationState { Language = "fr" }, ActivityJson.Options), null);

        // A typing activity: nothing for the transcript, and this bot changes nothing else.
        var typing = new Activity { Type = ActivityTypes.Typing, ChannelId = "test", Conversation = new() { Id = "c1" }, From = new() { Id = "u" } };
        await Processor(store, new SilentBot()).ProcessAsync(typing, new Delivery(), CancellationToken.None);

        Assert.Equal(etag, (await store.ReadAsync("test/conversations/c1"))!.ETag);
    }

    [Fact]
    public async Task The_turns_lines_are_saved_with_its_state_and_a_retried_turn_keeps_only_its_last_attempt()
    {
        var store = new MemoryDocumentStore();
        var bot = new CountingBot(onFirstTurn: () => store.WriteAsync("test/conversations/c1", """{"welcomed":true}""", ETags.Any));

        await Processor(store, bot).ProcessAsync(Hello, new Delivery(), CancellationToken.None);

        var saved = JsonSerializer.Deserialize<ConversationState>((await store.ReadAsync("test/conversations/c1"))!.Json, ActivityJson.Options)!;
        Assert.Equal([("customer", "hello"), ("bot", "turn 2")], saved.Transcript.Select(l => (l.Role, l.Text)));
    }

    [Fact]
    public async Task An_activity_received_again_moves_the_dialog_once_and_its_retry_is_not_answered_again()
    {
        var store = new MemoryDocumentStore();
        var bot = new CountingBot();
        var delivery = new Delivery();

        await Processor(store, bot).ProcessAsync(Hello, delivery, CancellationToken.None);
        // The channel's retry, same id, reaches another instance (or this one restarted): the replies were committed as an
        // outbox record with the turn, so the outbox delivers them; the retry does not send them again.
        await Processor(store, bot).ProcessAsync(Hello, delivery, CancellationToken.None);

        Assert.Equal(1, bot.Turns);
        Assert.Equal(["turn 1"], delivery.Texts);
        var saved = JsonSerializer.Deserialize<ConversationState>((await store.ReadAsync("test/conversations/c1"))!.Json, ActivityJson.Options)!;
        Assert.Equal([("customer", "hello"), ("bot", "turn 1")], saved.Transcript.Select(l => (l.Role, l.Text)));
    }

    [Fact]
    public async Task A_turns_replies_are_an_outbox_record_committed_with_its_state_until_they_are_delivered()
    {
        var store = new MemoryDocumentStore();
        var processor = Processor(store, new CountingBot(), delivery: new StuckDelivery());

        var replies = await processor.CommitAsync(Hello, new Delivery(), CancellationToken.None);

        var record = Assert.Single(await store.ListAsync("outbox/test/conversations/c1/"));
        Assert.Contains("turn 1", record.Json);
        Assert.NotNull(await store.ReadAsync("test/conversations/c1"));
        Assert.False(replies.DeliverAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task A_retry_of_a_turn_this_instance_delivered_is_not_answered_twice()
    {
        var store = new MemoryDocumentStore();
        var bot = new CountingBot();
        var delivery = new Delivery();
        var processor = Processor(store, bot);

        await processor.ProcessAsync(Hello, delivery, CancellationToken.None);
        await processor.ProcessAsync(Hello, delivery, CancellationToken.None); // the channel gave up waiting on a slow turn

        Assert.Equal(["turn 1"], delivery.Texts);
    }

    [Fact]
    public async Task A_retry_that_arrives_while_the_first_delivery_is_still_under_way_is_not_answered_twice()
    {
        var delivery = new Delivery();
        var processor = Processor(new MemoryDocumentStore(), new CountingBot());

        var first = await processor.CommitAsync(Hello, delivery, CancellationToken.None);
        var retry = await processor.CommitAsync(Hello, delivery, CancellationToken.None); // the channel gave up waiting
        await first.DeliverAsync(CancellationToken.None);
        await retry.DeliverAsync(CancellationToken.None); // deliveries of one conversation run in this order

        Assert.Equal(["turn 1"], delivery.Texts);
    }

    [Fact]
    public async Task An_event_the_bot_raised_with_an_id_runs_once_and_is_never_replayed()
    {
        var store = new MemoryDocumentStore();
        var bot = new CountingBot();
        var delivery = new Delivery();
        var followUp = new Activity
        {
            Type = ActivityTypes.Event, Id = "follow-up/RB-1", Name = "followUp", ChannelId = "test", IsRaisedByBot = true,
            Conversation = new() { Id = "c1" }, From = new() { Id = "u" }, Recipient = new() { Id = "b" },
        };

        await Processor(store, bot).ProcessAsync(followUp, delivery, CancellationToken.None);
        await Processor(store, bot).ProcessAsync(followUp, delivery, CancellationToken.None); // a second instance's scheduler

        Assert.Equal(1, bot.Turns);
        Assert.Equal(["turn 1"], delivery.Texts);
    }

    [Fact]
    public async Task An_older_activity_received_again_is_ignored()
    {
        var store = new MemoryDocumentStore();
        var bot = new CountingBot();
        var delivery = new Delivery();
        var processor = Processor(store, bot);

        await processor.ProcessAsync(Hello, delivery, CancellationToken.None);
        await processor.ProcessAsync(new Activity
        {
            Type = ActivityTypes.Message, Id = "m2", Text = "again", ChannelId = "test",
            Conversation = new() { Id = "c1" }, From = new() { Id = "u" }, Recipient = new() { Id = "b" },
        }, delivery, CancellationToken.None);
        await processor.ProcessAsync(Hello, delivery, CancellationToken.None);

        Assert.Equal(2, bot.Turns);
        Assert.Equal(["turn 1", "turn 2"], delivery.Texts);
    }

    /// <param name="delivery">Where the outbox delivers replies; by default, the delivery each turn is given.</param>
    internal static TurnProcessor Processor(IDocumentStore store, IConversationBot bot, TimeProvider? clock = null, IReplyDelivery? delivery = null) =>
        new(store, bot, new TranscriptLog(store), BotTexts.LoadEmbedded(), clock ?? TimeProvider.System,
            new InlineOutbox(store, [delivery is null ? new ReplyDeliveryHandler(new NoChannels()) : new FixedHandler(delivery)], NullLogger<InlineOutbox>.Instance),
            NullLogger<TurnProcessor>.Instance);

    private sealed class FixedHandler(IReplyDelivery delivery) : IOutboxHandler
    {
        public string Kind => OutboxKinds.Reply;

        public string DestinationOf(OutboxRecord record) => "test";

        public Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken) =>
            delivery.DeliverAsync(new Activity(), record.Replies ?? [], cancellationToken);
    }

    /// <summary>A channel that never answers.</summary>
    private sealed class StuckDelivery : IReplyDelivery
    {
        public Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>Replies go to the delivery each turn is given; nothing here is proactive.</summary>
    private sealed class NoChannels : IReplyChannels
    {
        public IReplyDelivery For(ConversationReference reference) => throw new InvalidOperationException("no proactive channel in this test");
    }

    private sealed class ClockReadingBot : IConversationBot
    {
        public DateTimeOffset? SeenNow { get; private set; }

        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            SeenNow = turn.Now;
            return Task.CompletedTask;
        }
    }

    private sealed class SilentBot : IConversationBot
    {
        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class CountingBot(Func<Task>? onFirstTurn = null) : IConversationBot
    {
        public int Turns { get; private set; }

        public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            Turns++;
            if (Turns == 1 && onFirstTurn is not null)
            {
                await onFirstTurn();
            }

            turn.State.Language = "fr";
            turn.Send($"turn {Turns}");
        }
    }

    private sealed class Delivery : IReplyDelivery
    {
        public List<string?> Texts { get; } = [];

        public Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
        {
            Texts.AddRange(replies.Select(r => r.Text));
            return Task.CompletedTask;
        }
    }
}

public sealed class FailingTurnTests
{
    [Fact]
    public async Task A_turn_that_fails_keeps_the_saved_state_and_apologises_in_the_customers_language()
    {
        var store = new MemoryDocumentStore();
        var saved = JsonSerializer.Serialize(new ConversationState { Language = "fr" }, ActivityJson.Options);
        var etag = await store.WriteAsync("test/conversations/c1", saved, null);
        var replies = new List<Activity>();
        var processor = TurnProcessorTests.Processor(store, new ThrowingBot());

        await processor.ProcessAsync(
            new Activity { Type = ActivityTypes.Message, Text = "bonjour", ChannelId = "test", Conversation = new() { Id = "c1" } },
            new ListDelivery(replies), CancellationToken.None);

        Assert.StartsWith("Je suis désolé, un problème est survenu", Assert.Single(replies).Text);
        Assert.Equal(etag, (await store.ReadAsync("test/conversations/c1"))!.ETag);
    }

    private sealed class ThrowingBot : IConversationBot
    {
        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            turn.State.Language = "en";
            throw new InvalidOperationException("a bug");
        }
    }

    private sealed class ListDelivery(List<Activity> replies) : IReplyDelivery
    {
        public Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> sent, CancellationToken cancellationToken)
        {
            replies.AddRange(sent);
            return Task.CompletedTask;
        }
    }
}
