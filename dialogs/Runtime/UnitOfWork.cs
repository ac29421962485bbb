using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// What one attempt at a turn means to change, held until <see cref="TurnProcessor"/> commits it with the conversation's
/// state in one <see cref="IDocumentStore.CommitAsync"/> guarded by the state's ETag: documents to write or delete, and
/// the outbox records of what must follow (deliveries, erasure). Dialogs read the store and record here; they never
/// write during the turn, so an attempt that loses its race leaves nothing behind and its rerun starts clean.
/// </summary>
public sealed class UnitOfWork
{
    private readonly List<DocumentWrite> _writes = [];
    private readonly Dictionary<string, DocumentWrite> _latest = new(StringComparer.Ordinal);
    private readonly List<OutboxRecord> _outbox = [];
    private readonly List<OutboxRecord> _outboxAfterReplies = [];
    private readonly List<Func<CancellationToken, Task>> _afterCommit = [];

    public IReadOnlyList<DocumentWrite> Writes => _writes;

    public IReadOnlyList<OutboxRecord> Outbox => _outbox;

    /// <summary>Records carried out after the turn's replies are delivered (a conversation's records go one after another).</summary>
    public IReadOnlyList<OutboxRecord> OutboxAfterReplies => _outboxAfterReplies;

    /// <summary>In-process notices once the commit is done (metrics, a desk refresh): best effort, never durable.</summary>
    public IReadOnlyList<Func<CancellationToken, Task>> AfterCommitActions => _afterCommit;

    public void Put(string key, string json, string? expectedETag = ETags.Any) => Add(DocumentWrite.Put(key, json, expectedETag));

    public void Delete(string key, string expectedETag = ETags.Any) => Add(DocumentWrite.Delete(key, expectedETag));

    /// <summary>What this turn has already recorded for <paramref name="key"/>: its JSON, or null when deleted; false when untouched.</summary>
    public bool TryGetPending(string key, out string? json)
    {
        var found = _latest.TryGetValue(key, out var write);
        json = write?.Json;
        return found;
    }

    /// <summary>Records an effect to be carried out after the commit, at least once, in the order recorded.</summary>
    public void Enqueue(OutboxRecord record) => _outbox.Add(record);

    /// <summary>Records an effect to be carried out after the commit and after the turn's replies: one that must not hold them up (the desk, a support channel).</summary>
    public void EnqueueAfterReplies(OutboxRecord record) => _outboxAfterReplies.Add(record);

    public void AfterCommit(Func<CancellationToken, Task> action) => _afterCommit.Add(action);

    private void Add(DocumentWrite write)
    {
        _writes.Add(write);
        _latest[write.Key] = write;
    }
}
