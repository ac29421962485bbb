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
