using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RefundBot.Bot.Outbox;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests;

/// <summary>
/// A record whose carrying out fails for want of the store (a transient failure during a Direct Line push, an erasure)
/// is tried again with back-off, a bounded number of times, before it becomes a dead letter. Before, the first failure
/// was the last.
/// </summary>
public sealed class OutboxDispatcherTests
{
    private readonly MemoryDocumentStore _store = new();

    [Theory]
    [InlineData(2, 1, "carried out on the third attempt")]
    [InlineData(10, 0, "given up after four attempts")]
    public async Task A_failing_store_write_is_retried_with_back_off_before_it_is_a_dead_letter(int failures, int carriedOut, string because)
    {
        var handler = new FlakyHandler(failures);
        var dispatcher = new OutboxDispatcher(_store, [handler],
            Options.Create(new OutboxOptions { MaxAttempts = 4, RetryDelay = TimeSpan.FromMilliseconds(5), MaxRetryDelay = TimeSpan.FromMilliseconds(20) }),
            NullLogger<OutboxDispatcher>.Instance);
        var record = new PendingOutboxRecord(OutboxKeys.For("test/conversations/flaky", DateTimeOffset.UnixEpoch, 0), new OutboxRecord
        {
            Kind = FlakyHandler.RecordKind,
            ConversationKey = "test/conversations/flaky",
            Reference = new ConversationReference("test", null, new ConversationAccount { Id = "flaky" }, null, null, null),
        });
        await _store.WriteAsync(record.Key, InlineOutbox.Serialize(record.Record), expectedETag: null);

        await dispatcher.Dispatch([record], live: null).WaitAsync(TimeSpan.FromSeconds(10));
        await dispatcher.DeletedAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True((Math.Min(failures + 1, 4), carriedOut) == (handler.Attempts, handler.CarriedOut), because);
        Assert.Empty(await _store.ListAsync(OutboxKeys.Prefix)); // carried out, or a dead letter: never left to repeat
    }

    /// <summary>
    /// Another instance committed a turn and died, and was never started again (scaled in): its record is carried out by
    /// this one's sweep once it is old enough; a record a live turn has just committed is left to that turn.
    /// </summary>
    [Fact]
    public async Task A_record_left_by_an_instance_that_stopped_is_carried_out_by_the_sweep_and_a_fresh_one_is_not()
    {
        var handler = new FlakyHandler(failures: 0);
        var dispatcher = new OutboxDispatcher(_store, [handler],
            Options.Create(new OutboxOptions { SweepInterval = TimeSpan.Zero, OrphanAge = TimeSpan.FromMinutes(3) }),
            NullLogger<OutboxDispatcher>.Instance);
        await StoreRecordAsync("left", DateTimeOffset.UtcNow.AddMinutes(-10));
        await StoreRecordAsync("fresh", DateTimeOffset.UtcNow);

        Assert.Equal(1, await dispatcher.SweepAsync(CancellationToken.None));
        // The record is deleted after its handler returns, so both are awaited: checking the store as soon as the
        // handler has run raced the delete on a busy machine.
        var left = await OutboxConversationsAsync();
        for (var wait = 0; (handler.CarriedOut == 0 || left.Count > 1) && wait < 200; wait++)
        {
            await Task.Delay(50);
            left = await OutboxConversationsAsync();
        }

        Assert.Equal(1, handler.CarriedOut);
        Assert.Equal(["fresh"], left);
    }

    /// <summary>
    /// Issue 28: the turn's answer waits for its records to be carried out, not for their deletes (on LiteDB a second
    /// fsync per turn at one conversation). Before, the dispatch ended only once the record was deleted.
    /// </summary>
    [Fact]
    public async Task The_dispatch_ends_once_the_record_is_carried_out_while_its_delete_is_still_pending()
    {
        var (dispatcher, handler, store) = WithDeletesHeld();
        var record = await StoreRecordAsync("answered", DateTimeOffset.UtcNow);

        await dispatcher.Dispatch([record], live: null).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, handler.CarriedOut);
        Assert.Equal(["answered"], await OutboxConversationsAsync()); // not deleted yet: the delete is held
        store.ReleaseDeletes();
        await dispatcher.DeletedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(await OutboxConversationsAsync());
    }

    /// <summary>
    /// A record carried out whose delete has not committed is still in the store, and old enough for the sweep: it stays
    /// in this process's hand until its delete commits, so neither the sweep nor the channel's retry carries it out again.
    /// </summary>
    [Fact]
    public async Task A_record_whose_delete_is_pending_is_not_carried_out_again_by_the_sweep_or_a_retry()
    {
        var (dispatcher, handler, store) = WithDeletesHeld();
        var record = await StoreRecordAsync("pending-delete", DateTimeOffset.UtcNow.AddMinutes(-10));
        await dispatcher.Dispatch([record], live: null).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, await dispatcher.SweepAsync(CancellationToken.None));
        await dispatcher.Dispatch([record], live: null).WaitAsync(TimeSpan.FromSeconds(10)); // the channel's retry

        Assert.Equal(1, handler.CarriedOut);
        store.ReleaseDeletes();
        await dispatcher.DeletedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await dispatcher.SweepAsync(CancellationToken.None));
        Assert.Equal(1, handler.CarriedOut);
    }

    /// <summary>A shutdown lets the deletes of the records carried out commit, so the next start does not carry them out again.</summary>
    [Fact]
    public async Task Stopping_waits_for_the_pending_deletes()
    {
        var (dispatcher, _, store) = WithDeletesHeld();
        var record = await StoreRecordAsync("stopping", DateTimeOffset.UtcNow);
        await dispatcher.Dispatch([record], live: null).WaitAsync(TimeSpan.FromSeconds(10));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stopped = dispatcher.StopAsync(deadline.Token);
        await Task.WhenAny(stopped, Task.Delay(200));

        Assert.False(stopped.IsCompleted, "stopped with a delete pending");
        store.ReleaseDeletes();
        await stopped.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(await OutboxConversationsAsync());
    }

    private (OutboxDispatcher Dispatcher, FlakyHandler Handler, DeleteHoldingStore Store) WithDeletesHeld()
    {
        var handler = new FlakyHandler(failures: 0);
        var store = new DeleteHoldingStore(_store);
        var dispatcher = new OutboxDispatcher(store, [handler],
            Options.Create(new OutboxOptions { SweepInterval = TimeSpan.Zero, OrphanAge = TimeSpan.FromMinutes(3) }),
            NullLogger<OutboxDispatcher>.Instance);
        return (dispatcher, handler, store);
    }

    private async Task<List<string>> OutboxConversationsAsync() =>
        (await _store.ListAsync(OutboxKeys.Prefix)).Select(d => d.Key.Split('/')[3]).ToList();

    private async Task<PendingOutboxRecord> StoreRecordAsync(string conversationId, DateTimeOffset committed)
    {
        var record = new PendingOutboxRecord(OutboxKeys.For($"test/conversations/{conversationId}", committed, 0), new OutboxRecord
        {
            Kind = FlakyHandler.RecordKind,
            ConversationKey = $"test/conversations/{conversationId}",
            Reference = new ConversationReference("test", null, new ConversationAccount { Id = conversationId }, null, null, null),
        });
        await _store.WriteAsync(record.Key, InlineOutbox.Serialize(record.Record), expectedETag: null);
        return record;
    }

    /// <summary>A store whose deletes, of either kind, wait until the test lets them through, as a slow commit would.</summary>
    private sealed class DeleteHoldingStore(IDocumentStore inner) : DelegatingDocumentStore(inner)
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ReleaseDeletes() => _released.TrySetResult();

        public override async Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default)
        {
            await _released.Task;
            await Inner.DeleteAsync(key, expectedETag, cancellationToken);
        }

        public override Task DeleteWithNextCommitAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default) =>
            DeleteAsync(key, expectedETag, cancellationToken);
    }

    private sealed class FlakyHandler(int failures) : IOutboxHandler
    {
        public const string RecordKind = "flaky";

        public int Attempts { get; private set; }

        public int CarriedOut { get; private set; }

        public string Kind => RecordKind;

        public string DestinationOf(OutboxRecord record) => "store";

        public Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken)
        {
            if (++Attempts <= failures)
            {
                throw new IOException("the store is briefly unavailable");
            }

            CarriedOut++;
            return Task.CompletedTask;
        }
    }
}
