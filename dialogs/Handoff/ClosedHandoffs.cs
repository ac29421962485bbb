using System.Text.Json;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// The conversations that left the agent queue, most recent first through the store's index
/// (<see cref="DocumentIndexes.ClosedHandoffsByTime"/>): the desk's "recently closed" view.
/// </summary>
public sealed class ClosedHandoffs(IDocumentStore store)
{
    /// <summary>Records, in the turn's commit, that the ticket left the queue: with the ticket's removal or not at all.</summary>
    public void Record(TurnContext turn, HandoffTicket ticket, string kind, string? byId = null, string? byName = null)
    {
        var closed = new ClosedHandoff { Ticket = ticket, ClosedAt = turn.Now, Kind = kind, ClosedById = byId, ClosedByName = byName };
        turn.Work.Put(closed.Key, JsonSerializer.Serialize(closed, ActivityJson.Options), expectedETag: null);
    }

    /// <summary>The conversations closed since <paramref name="since"/>, the most recent first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ClosedHandoff>> SinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
        (await store.FindRangeAsync(DocumentIndexes.ClosedHandoffsByTime, DocumentIndex.Time(since), DocumentIndex.MaxTime, limit, descending: true, cancellationToken))
            .Select(d => Deserialize(d.Json))
            .ToList();

    /// <summary>Closed before <paramref name="before"/>, the oldest first, at most <paramref name="limit"/> (transcript retention).</summary>
    public async Task<IReadOnlyList<StoredDocument>> OlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
        await store.FindRangeAsync(DocumentIndexes.ClosedHandoffsByTime, DocumentIndex.MinTime, DocumentIndex.Time(before.AddTicks(-1)), limit, cancellationToken: cancellationToken);

    public async Task<ClosedHandoff?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        key.StartsWith(ClosedHandoff.Prefix, StringComparison.Ordinal) && await store.ReadAsync(key, cancellationToken) is { } document
            ? Deserialize(document.Json)
            : null;

    /// <summary>Erases every closed record of one conversation ("forget me", the privacy API).</summary>
    public async Task EraseAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        foreach (var document in await store.ListAsync(ClosedHandoff.PrefixFor(conversationKey), cancellationToken))
        {
            await store.DeleteAsync(document.Key, cancellationToken: cancellationToken);
        }
    }

    private static ClosedHandoff Deserialize(string json) => JsonSerializer.Deserialize<ClosedHandoff>(json, ActivityJson.Options)!;
}
