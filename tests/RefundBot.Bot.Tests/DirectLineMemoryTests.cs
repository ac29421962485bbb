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

    private DirectLineConversations Conversations(int remembered) => new(
        _store, new SingleInstanceBackplane(), Options.Create(new DirectLineOptions { ConversationsRemembered = remembered }),
        NullLogger<DirectLineConversations>.Instance);

    private static Activity Message(string text, string? clientActivityId = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = new ChannelAccount { Id = "user", Role = "user" },
        Timestamp = DateTimeOffset.UnixEpoch,
        ChannelData = clientActivityId is null ? null : JsonSerializer.SerializeToElement(new { clientActivityID = clientActivityId }),
    };

    /// <summary>Counts the listings of a conversation's activity log, which these paths must not need.</summary>
    private sealed class NoLogListingStore : IDocumentStore
    {
        private readonly MemoryDocumentStore _inner = new();

        public int LogListings { get; private set; }

        public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default) => _inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default) =>
            _inner.WriteAsync(key, json, expectedETag, cancellationToken);

        public Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default) =>
            _inner.DeleteAsync(key, expectedETag, cancellationToken);

        public Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default)
        {
            LogListings += keyPrefix.StartsWith("directline/", StringComparison.Ordinal) ? 1 : 0;
            return _inner.ListAsync(keyPrefix, cancellationToken);
        }

        public Task<IReadOnlyList<StoredDocument>> FindRangeAsync(
            DocumentIndex index, string from, string to, int limit, bool descending = false, CancellationToken cancellationToken = default) =>
            _inner.FindRangeAsync(index, from, to, limit, descending, cancellationToken);

        public Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default) =>
            _inner.CommitAsync(writes, cancellationToken);
    }
}
