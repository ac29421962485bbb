using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RefundBot.Bot.Channels.DirectLine;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests;

/// <summary>
/// What a Direct Line instance keeps per conversation stays bounded however many conversations it has seen, and what
/// it forgets it finds again from the store through the activity index, never by listing a conversation's log.
/// </summary>
public sealed class DirectLineMemoryTests
{
    private readonly NoLogListingStore _store = new();

    [Fact]
    public async Task Many_conversations_do_not_grow_what_an_instance_remembers()
    {
        var conversations = Conversations(remembered: 50);
        for (var i = 0; i < 2_000; i++)
        {
            await conversations.AppendAsync($"conv{i}", Message($"hello {i}"));
            var (_, subscription) = conversations.Listen($"conv{i}");
            subscription.Dispose();
        }

        Assert.InRange(conversations.RememberedConversations, 1, 2 * 50);
        Assert.Equal(0, conversations.ListenedConversations);
    }

    [Fact]
    public async Task A_forgotten_conversation_is_counted_again_from_its_newest_activity_and_a_retried_post_is_recognised()
    {
        var first = Conversations(remembered: 1);
        for (var i = 1; i <= 300; i++)
        {
            await first.AppendAsync("long", Message($"line {i}"));
        }

        var posted = await first.AppendOnceAsync("long", Message("my order", clientActivityId: "client-1"));
        await first.AppendAsync("other", Message("pushes 'long' out of memory"));
        await first.AppendAsync("other2", Message("and out of the old generation"));

        // Another instance (or this one after a restart, or once it forgot): nothing remembered.
        foreach (var instance in new[] { first, Conversations(remembered: 1) })
        {
            var again = await instance.AppendOnceAsync("long", Message("my order", clientActivityId: "client-1"));
            Assert.Equal(posted.Id, again.Id);
        }

        var next = await Conversations(remembered: 1).AppendAsync("long", Message("line 302"));
        Assert.Equal("long|0000302", next.Id);
        Assert.Equal(0, _store.LogListings);
    }

    /// <summary>
    /// Rows the activity index does not know yet (written by an older version during a rolling deploy): the append that
    /// conflicts on them moves on to the next free number instead of trying the same one for ever.
    /// </summary>
    [Fact]
    public async Task An_append_over_activities_the_index_does_not_know_moves_past_them()
    {
        foreach (var sequence in new[] { 1, 2, 3 })
        {
            await _store.WriteUnindexedAsync($"directline/stale/{sequence:D7}", JsonSerializer.Serialize(Message($"old {sequence}"), ActivityJson.Options));
        }

        var appended = await Task.Run(() => Conversations(remembered: 1).AppendAsync("stale", Message("new"))).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("stale|0000004", appended.Id);
    }

    /// <summary>
    /// A turn's replies are appended by its commit: when the customer's next post takes the number planned for a reply,
    /// the commit is a conflict and nothing of it is in the log or on the stream; the turn run again counts afresh, and
    /// its replies are pushed only once committed.
    /// </summary>
    [Fact]
    public async Task Replies_planned_by_a_turn_that_loses_its_race_leave_nothing_and_its_rerun_takes_the_next_numbers()
    {
        var conversations = Conversations(remembered: 10);
        await conversations.AppendAsync("race", Message("hello"));
        var (feed, subscription) = conversations.Listen("race");
        using var _ = subscription;

        var lost = new UnitOfWork();
        await conversations.RecordAppendsAsync("race", [Reply("What is your order ID?")], lost, default);
        await conversations.AppendAsync("race", Message("are you there?")); // the customer's next post, in between
        await Assert.ThrowsAsync<ETagConflictException>(() => _store.CommitAsync(lost.Writes));

        var rerun = new UnitOfWork();
        var reply = Reply("What is your order ID?");
        await conversations.RecordAppendsAsync("race", [reply], rerun, default);
        await _store.CommitAsync(rerun.Writes);
        Assert.Equal("race|0000003", reply.Id);
        Assert.Equal("are you there?", Assert.Single((await feed.ReadAsync()).Activities).Text); // nothing pushed before the commit
        Assert.False(feed.TryRead(out var _1));
        foreach (var action in rerun.AfterCommitActions)
        {
            await action(default);
        }

        Assert.Equal("race|0000003", Assert.Single((await feed.ReadAsync()).Activities).Id);
        var log = await conversations.AfterAsync("race", null);
        Assert.Equal(["hello", "are you there?", "What is your order ID?"], log.Activities.Select(a => a.Text));
        Assert.Equal("race|0000004", (await conversations.AppendAsync("race", Message("next"))).Id);
    }

    /// <summary>
    /// What a client posts is stored by its turn's commit, with the replies: the post gets its number before the turn,
    /// the commit writes it and the replies after it, and once committed the stream gets its echo, then the replies; a post sent
    /// again (same clientActivityID) is recognised from memory.
    /// </summary>
    [Fact]
    public async Task A_post_and_its_replies_are_written_by_one_commit_and_pushed_together()
    {
        var conversations = Conversations(remembered: 10);
        await conversations.AppendAsync("one", Message("hello"));
        var (feed, subscription) = conversations.Listen("one");
        using var _ = subscription;
        var post = Message("A-1234", clientActivityId: "client-7");
        await conversations.PlanPostedAsync("one", post, default);
        Assert.Equal("one|0000002", post.Id); // the turn sees its final id (a case's id is made from it)

        var work = new UnitOfWork();
        var reply = Reply("When did you buy it?");
        await conversations.RecordAppendsAsync("one", [reply], work, default, posted: post);
        Assert.Equal(["directline/one/0000002", "directline/one/0000003"], work.Writes.Select(w => w.Key));
        Assert.Null(await _store.ReadAsync("directline/one/0000002")); // nothing before the commit
        await _store.CommitAsync(work.Writes);
        foreach (var action in work.AfterCommitActions)
        {
            await action(default);
        }

        Assert.Equal("A-1234", Assert.Single((await feed.ReadAsync()).Activities).Text); // its echo first, as before
        var replies = await feed.ReadAsync();
        Assert.Equal(("When did you buy it?", "3"), (Assert.Single(replies.Activities).Text, replies.Watermark));
        Assert.Equal("one|0000002", (await conversations.FindRepostedAsync("one", Message("A-1234", clientActivityId: "client-7")))?.Id);
        Assert.Equal("one|0000004", (await conversations.AppendAsync("one", Message("next"))).Id);
    }

    /// <summary>A post whose planned number another append took in between: the commit is a conflict, and planned again it takes the next one.</summary>
    [Fact]
    public async Task A_post_whose_number_was_taken_before_its_commit_conflicts_and_is_planned_again()
    {
        var conversations = Conversations(remembered: 10);
        var post = Message("my order");
        await conversations.PlanPostedAsync("taken", post, default);
        var lost = new UnitOfWork();
        await conversations.RecordAppendsAsync("taken", [Reply("What is your order ID?")], lost, default, posted: post);
        await Conversations(remembered: 10).AppendAsync("taken", Message("from another instance"));
        await Assert.ThrowsAsync<ETagConflictException>(() => _store.CommitAsync(lost.Writes));

        await conversations.PlanPostedAsync("taken", post, default);
        var rerun = new UnitOfWork();
        await conversations.RecordAppendsAsync("taken", [Reply("What is your order ID?")], rerun, default, posted: post);
        await _store.CommitAsync(rerun.Writes);

        Assert.Equal("taken|0000002", post.Id);
        Assert.Equal(["from another instance", "my order", "What is your order ID?"], (await conversations.AfterAsync("taken", null)).Activities.Select(a => a.Text));
    }

    /// <summary>
    /// A conversation is started (greeted) once, whichever instance starts it: the one that created it starts it with
    /// the ETag it remembers, without reading it again; when another instance started it since, that write loses and
    /// the stored record says it is started, so the greeting is not sent twice.
    /// </summary>
    [Fact]
    public async Task A_conversation_started_by_another_instance_is_not_started_again_with_a_remembered_etag()
    {
        var creator = Conversations(remembered: 10);
        var conversation = await creator.CreateAsync("user", policy: null, locale: "en-US", site: null, DateTimeOffset.UnixEpoch);

        Assert.True(await Conversations(remembered: 10).TryStartAsync(conversation.Id));
        Assert.False(await creator.TryStartAsync(conversation.Id));

        var other = await creator.CreateAsync("user", policy: null, locale: "en-US", site: null, DateTimeOffset.UnixEpoch);
        Assert.True(await creator.TryStartAsync(other.Id));
        Assert.False(await creator.TryStartAsync(other.Id));
        Assert.False(await Conversations(remembered: 10).TryStartAsync(other.Id));
    }

    private static Activity Reply(string text) => new()
    {
        Type = ActivityTypes.Message, Text = text, From = new ChannelAccount { Id = "bot", Role = "bot" }, Timestamp = DateTimeOffset.UnixEpoch,
    };

    private DirectLineConversations Conversations(int remembered) => new(
        _store, new SingleInstanceBackplane(), Options.Create(new DirectLineOptions { ConversationsRemembered = remembered }),
        TimeProvider.System, NullLogger<DirectLineConversations>.Instance);

    private static Activity Message(string text, string? clientActivityId = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = new ChannelAccount { Id = "user", Role = "user" },
        Timestamp = DateTimeOffset.UnixEpoch,
        ChannelData = clientActivityId is null ? null : JsonSerializer.SerializeToElement(new { clientActivityID = clientActivityId }),
    };

    /// <summary>Counts the listings of a conversation's activity log, which these paths must not need.</summary>
    private sealed class NoLogListingStore() : DelegatingDocumentStore(new MemoryDocumentStore())
    {
        private readonly HashSet<string> _unindexed = new(StringComparer.Ordinal);

        public int LogListings { get; private set; }

        /// <summary>A row as an older version wrote it: in the store, not in its indexes.</summary>
        public Task WriteUnindexedAsync(string key, string json)
        {
            _unindexed.Add(key);
            return Inner.WriteAsync(key, json, expectedETag: null);
        }

        public override Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default)
        {
            LogListings += keyPrefix.StartsWith("directline/", StringComparison.Ordinal) ? 1 : 0;
            return Inner.ListAsync(keyPrefix, cancellationToken);
        }

        public override Task<IReadOnlyList<StoredDocument>> FindRangeAsync(
            DocumentIndex index, string from, string to, int limit, bool descending = false, CancellationToken cancellationToken = default) =>
            _unindexed.Count == 0
                ? Inner.FindRangeAsync(index, from, to, limit, descending, cancellationToken)
                : FindIndexedAsync(index, from, to, limit, descending, cancellationToken);

        private async Task<IReadOnlyList<StoredDocument>> FindIndexedAsync(
            DocumentIndex index, string from, string to, int limit, bool descending, CancellationToken cancellationToken) =>
            [.. (await Inner.FindRangeAsync(index, from, to, int.MaxValue, descending, cancellationToken)).Where(d => !_unindexed.Contains(d.Key)).Take(limit)];
    }
}
