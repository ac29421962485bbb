using System.Collections.Concurrent;

namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// The turns this instance delivered lately (the last 4,096), by conversation and activity id, so that a channel's
/// retry of a turn that was only slow, not lost, does not get its replies twice. Another instance does not know them:
/// a retry that reaches it replays, which is right when this instance died before delivering.
/// </summary>
internal sealed class RecentDeliveries
{
    private const int Capacity = 4096;
    private readonly ConcurrentDictionary<string, byte> _set = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Add(string conversationKey, string? activityId)
    {
        if (string.IsNullOrEmpty(activityId) || !_set.TryAdd(Entry(conversationKey, activityId), 0))
        {
            return;
        }

        _order.Enqueue(Entry(conversationKey, activityId));
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _set.TryRemove(oldest, out _);
        }
    }

    public bool Contains(string conversationKey, string? activityId) =>
        !string.IsNullOrEmpty(activityId) && _set.ContainsKey(Entry(conversationKey, activityId));

    private static string Entry(string conversationKey, string activityId) => conversationKey + "\n" + activityId;
}
