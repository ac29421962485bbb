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

    private async Task<List<string>> OutboxConversationsAsync() =>
        (await _store.ListAsync(OutboxKeys.Prefix)).Select(d => d.Key.Split('/')[3]).ToList();

    private async Task StoreRecordAsync(string conversationId, DateTimeOffset committed)
    {
        var key = OutboxKeys.For($"test/conversations/{conversationId}", committed, 0);
        await _store.WriteAsync(key, InlineOutbox.Serialize(new OutboxRecord
        {
            Kind = FlakyHandler.RecordKind,
            ConversationKey = $"test/conversations/{conversationId}",
            Reference = new ConversationReference("test", null, new ConversationAccount { Id = conversationId }, null, null, null),
        }), expectedETag: null);
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
