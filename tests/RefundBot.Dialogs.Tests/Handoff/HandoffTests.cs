using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Dialogs.Tests.Handoff;

/// <summary>What the transcripts cannot show: the ticket in the queue, the hand-off event's content, racing claims.</summary>
public sealed class HandoffTests
{
    private readonly TestBot _bot = new(new MemoryDocumentStore());
    private int _count;

    [Fact]
    public async Task A_person_asked_for_after_an_unanswered_question_gets_the_question_with_the_ticket()
    {
        await SayAsync("hello");
        Assert.StartsWith("I couldn't find the answer to that in our refund policy", (await SayAsync("Do you refund parking tickets?"))[0].Text);

        var replies = await SayAsync("talk to a person");

        var ticket = Assert.Single(await Queue.ListAsync());
        Assert.Equal((HandoffReasons.QuestionNotCovered, "Do you refund parking tickets?", "en", "masecurite"), (ticket.Reason, ticket.Question, ticket.Language, ticket.PolicyId));
        var initiate = Assert.Single(replies, r => r.Type == ActivityTypes.Event);
        Assert.Equal(Escalation.InitiateEvent, initiate.Name);
        Assert.Equal("question-not-covered", initiate.Value!.Value.GetProperty("reason").GetString());
        Assert.Equal(1, initiate.Value!.Value.GetProperty("queuePosition").GetInt32());
        var attachment = Assert.Single(initiate.Attachments!);
        Assert.Equal(("application/json", "Transcript"), (attachment.ContentType, attachment.Name));
        var said = attachment.Content!.Value.GetProperty("activities").EnumerateArray()
            .Select(a => (a.GetProperty("from").GetProperty("role").GetString(), a.GetProperty("text").GetString())).ToList();
        Assert.Equal(("user", "hello"), said[0]);
        Assert.Contains(("user", "Do you refund parking tickets?"), said);
        Assert.Equal(("user", "talk to a person"), said[^2]);
        Assert.StartsWith("I'm bringing in a member of our support team.", said[^1].Item2);
    }

    [Fact]
    public async Task A_person_taken_up_on_the_offer_after_two_misunderstandings_gets_that_reason_with_the_ticket()
    {
        await SayAsync("I want a refund");
        await SayAsync("the blue one");
        var offer = await SayAsync("the one from last week");
        Assert.Contains("Talk to a person", offer[^1].SuggestedActions!.Actions.Select(a => a.Title));

        await SayAsync("Talk to a person");

        Assert.Equal(HandoffReasons.RepeatedMisunderstanding, Assert.Single(await Queue.ListAsync()).Reason);
    }

    [Fact]
    public async Task A_person_asked_for_while_the_bot_understands_is_asked_for_by_the_customer()
    {
        await SayAsync("I want a refund");
        await SayAsync("the blue one");

        await SayAsync("Talk to a person");

        Assert.Equal(HandoffReasons.CustomerAsked, Assert.Single(await Queue.ListAsync()).Reason);
    }

    [Fact]
    public async Task Of_many_agents_claiming_at_once_exactly_one_gets_the_conversation()
    {
        await SayAsync("I want to speak to a human");
        var key = Assert.Single(await Queue.ListAsync()).ConversationKey;
        var desk = _bot.Services.GetRequiredService<HandoffDesk>();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => desk.ClaimAsync(key, new AgentIdentity($"agent-{i}", $"Agent {i}"), default))));

        Assert.Single(results, r => r == DeskResult.Done);
        Assert.Equal(19, results.Count(r => r == DeskResult.ClaimedByAnother));
        Assert.Equal(HandoffTicketStatus.Claimed, Assert.Single(await Queue.ListAsync()).Status);
    }

    [Fact]
    public async Task Customers_wait_in_the_order_they_asked()
    {
        await SayAsync("talk to a person", conversation: "first");
        var second = await SayAsync("je veux parler à un conseiller", conversation: "second", locale: "fr-FR");

        Assert.StartsWith("Je fais appel à un membre de notre équipe d'assistance. Vous êtes numéro 2", second[1].Text);
        Assert.Equal(["test/conversations/first", "test/conversations/second"], (await Queue.ListAsync()).Select(t => t.ConversationKey));
    }

    /// <summary>
    /// The hand-back is the hand-back turn's: the ticket goes with the commit that gives the bot the conversation back.
    /// When that turn does not run (the bot shutting down), nothing changes: the ticket stays the agent's, the desk is
    /// told to try again, and the customer's next words still go to the agent. Before, the desk removed the ticket
    /// first, and the conversation, still handed off, was left to a recovery on the customer's next message.
    /// </summary>
    [Fact]
    public async Task A_hand_back_whose_turn_does_not_run_changes_nothing()
    {
        var refusing = new RefusingEntrance();
        var bot = new TestBot(new MemoryDocumentStore(), services => services.AddSingleton<ITurnEntrance>(sp =>
            refusing.Around(new DirectTurnEntrance(sp.GetRequiredService<TurnProcessor>()))));
        var queue = bot.Services.GetRequiredService<HandoffQueue>();
        await bot.SendAsync(TestBot.Message("handback", "I want to speak to a human", 1));
        var alice = new AgentIdentity("alice", "Alice");
        Assert.Equal(DeskResult.Done, (await bot.DeskAsync(d => d.ClaimAsync("test/conversations/handback", alice, default))).Result);

        refusing.Refused = HandoffEvents.HandBack;
        var (result, told) = await bot.DeskAsync(d => d.HandBackAsync("test/conversations/handback", alice, close: false, default));

        Assert.Equal(DeskResult.NotDone, result);
        Assert.Empty(told);
        Assert.True(Assert.Single(await queue.ListAsync()).IsClaimedBy("alice"));
        Assert.Empty(await bot.SendAsync(TestBot.Message("handback", "are you there?", 2))); // to the agent, not the bot

        refusing.Refused = null;
        (result, told) = await bot.DeskAsync(d => d.HandBackAsync("test/conversations/handback", alice, close: false, default));

        Assert.Equal(DeskResult.Done, result);
        Assert.StartsWith("Alice has handed the conversation back to me.", told[0].Text);
        Assert.Empty(await queue.ListAsync());
    }

    /// <summary>
    /// The desk's live transcript lines and the support channel's announcement are outbox records of the escalating
    /// turn's commit: a bot that dies right after the commit has told nobody, and what it committed, carried out after
    /// the restart, shows the desk the lines and announces the hand-off once (the monitor does not announce it again).
    /// Before, both were told after the commit by the process itself, and lost with it.
    /// </summary>
    [Fact]
    public async Task The_desk_lines_and_the_announcement_of_a_hand_off_are_committed_with_its_turn()
    {
        var store = new MemoryDocumentStore();
        var (notifier, desk) = (new CountingNotifier(), new CollectingObserver());
        var bot = new TestBot(store, services => services
            .AddSingleton<IOutbox, DeadAfterCommit>()
            .AddSingleton<IEscalationNotifier>(notifier)
            .AddSingleton<ITranscriptObserver>(desk));

        await bot.SendAsync(TestBot.Message("announced", "I want to speak to a human", 1));

        Assert.Equal((0, 0), (notifier.Count, desk.Lines.Count));
        var committed = (await store.ListAsync(OutboxKeys.Prefix))
            .Select(d => new PendingOutboxRecord(d.Key, JsonSerializer.Deserialize<OutboxRecord>(d.Json, ActivityJson.Options)!))
            .ToList();
        Assert.Equal([OutboxKinds.Reply, HandoffAnnouncementHandler.RecordKind, OutboxKinds.Transcript], committed.Select(r => r.Record.Kind));

        await new InlineOutbox(store, bot.Services.GetServices<IOutboxHandler>(), NullLogger<InlineOutbox>.Instance).Dispatch(committed, live: null);
        await bot.Services.GetRequiredService<HandoffDesk>().RunDueAsync(DateTimeOffset.UnixEpoch, default);

        Assert.Equal(1, notifier.Count);
        Assert.Equal(("customer", "I want to speak to a human"), (desk.Lines[0].Role, desk.Lines[0].Text));
        Assert.Contains(desk.Lines, l => l.Role == "bot" && l.Text.StartsWith("I'm bringing in a member of our support team.", StringComparison.Ordinal));
        Assert.Empty(await store.ListAsync(OutboxKeys.Prefix));
    }

    private HandoffQueue Queue => _bot.Services.GetRequiredService<HandoffQueue>();

    /// <summary>A bot that stops right after a commit: the committed records are in the store, none carried out.</summary>
    private sealed class DeadAfterCommit : IOutbox
    {
        public Task Dispatch(IReadOnlyList<PendingOutboxRecord> records, IReplyDelivery? live) => Task.CompletedTask;
    }

    private sealed class CountingNotifier : IEscalationNotifier
    {
        public int Count { get; private set; }

        public List<RefundCase> SupportTasks { get; } = [];

        public Task NotifyAsync(HandoffTicket ticket, RefundCase? refundCase, CancellationToken cancellationToken)
        {
            Count++;
            return Task.CompletedTask;
        }

        public Task NotifySupportTaskAsync(RefundCase refundCase, CancellationToken cancellationToken)
        {
            SupportTasks.Add(refundCase);
            return Task.CompletedTask;
        }
    }

    private sealed class CollectingObserver : ITranscriptObserver
    {
        public List<TranscriptEntry> Lines { get; } = [];

        public Task AppendedAsync(string conversationKey, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
        {
            Lines.AddRange(entries);
            return Task.CompletedTask;
        }
    }

    /// <summary>An entrance that does not run the events named <see cref="Refused"/>, as a host shutting down does not.</summary>
    private sealed class RefusingEntrance
    {
        private ITurnEntrance _inner = null!;

        public string? Refused { get; set; }

        public ITurnEntrance Around(ITurnEntrance inner)
        {
            _inner = inner;
            return new Entrance(this);
        }

        private sealed class Entrance(RefusingEntrance owner) : ITurnEntrance
        {
            public Task<bool> RunAsync(Activity activity, IReplyDelivery delivery, CancellationToken cancellationToken) =>
                activity.Name is { } name && name == owner.Refused
                    ? Task.FromResult(false)
                    : owner._inner.RunAsync(activity, delivery, cancellationToken);
        }
    }

    private Task<IReadOnlyList<Activity>> SayAsync(string text, string conversation = "handoff", string locale = "en-US") =>
        _bot.SendAsync(TestBot.Message(conversation, text, ++_count, locale));
}
