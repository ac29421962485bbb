using RefundBot.Dialogs.Runtime.Outbox;

namespace RefundBot.Dialogs.Tests.Runtime;

/// <summary>
/// A record is deleted after its dispatch, so two turns must never share a key, even when the clock reads the same for
/// both (a test's clock that does not move): the later turn's record would be taken for the earlier one, whose delete
/// is pending, and never sent (FollowUpTests, 2 runs in 3, before the turn's part).
/// </summary>
public sealed class OutboxKeysTests
{
    private static readonly DateTimeOffset Instant = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Two_turns_at_the_same_instant_get_different_keys_and_one_turn_the_same_key()
    {
        Assert.NotEqual(OutboxKeys.For("c", Instant, 0, "activity-1"), OutboxKeys.For("c", Instant, 0, "activity-2"));
        Assert.Equal(OutboxKeys.For("c", Instant, 0, "activity-1"), OutboxKeys.For("c", Instant, 0, "activity-1"));
    }

    [Fact]
    public void A_conversations_records_stay_in_turn_order_then_index_order()
    {
        string[] keys =
        [
            OutboxKeys.For("c", Instant.AddTicks(1), 0, "z"),
            OutboxKeys.For("c", Instant, 1, "a"),
            OutboxKeys.For("c", Instant, 0, "a"),
        ];

        Assert.Equal([keys[2], keys[1], keys[0]], keys.Order(StringComparer.Ordinal));
        Assert.StartsWith($"outbox/c/{Instant.UtcTicks:D19}-000-", keys[2]);
    }
}
