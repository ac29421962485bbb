using System.Collections.Concurrent;

namespace RefundBot.Dialogs.Runtime.Storage;

/// <summary>
/// An in-process store with the same ETag semantics and indexes as the persistent ones; for tests and benchmarks.
/// Reads take no lock; writes take one, so that a commit of several documents is checked whole, then applied whole,
/// each document with its index entries (the simplest way to keep an index exactly in step with the documents).
/// </summary>
public sealed class MemoryDocumentStore(IReadOnlyList<DocumentIndex>? indexes = null) : IDocumentStore
{
    private readonly IReadOnlyList<DocumentIndex> _indexes = indexes ?? DocumentIndexes.All;
    private readonly ConcurrentDictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<(string Value, string Key)>> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _valuesByKey = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_documents.GetValueOrDefault(key));

    public async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default) =>
        (await CommitAsync([DocumentWrite.Put(key, json, expectedETag)], cancellationToken))[0];

    public Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default) =>
        CommitAsync([DocumentWrite.Delete(key, expectedETag)], cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<StoredDocument> found = _documents.Values
            .Where(d => d.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<StoredDocument>> FindRangeAsync(
        DocumentIndex index, string from, string to, int limit, bool descending = false, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(index.Name, out var entries) || string.CompareOrdinal(from, to) > 0)
            {
                return Task.FromResult<IReadOnlyList<StoredDocument>>([]);
            }

            var view = entries.GetViewBetween((from, ""), (to, "\uffff\uffff"));
            IReadOnlyList<StoredDocument> found = (descending ? view.Reverse() : view)
                .Where(e => string.CompareOrdinal(e.Value, to) <= 0)
                .Take(limit)
                .Select(e => _documents[e.Key])
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // Staged first (a bad key throws here, before anything is applied), then applied in one go.
            var staged = new Dictionary<string, StoredDocument?>(StringComparer.Ordinal);
            var etags = new string[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var current = staged.TryGetValue(write.Key, out var pending) ? pending : _documents.GetValueOrDefault(write.Key);
                if (!write.Allows(current?.ETag))
                {
                    return Task.FromException<IReadOnlyList<string>>(new ETagConflictException(write.Key));
                }

                var written = write.Json is { } json ? new StoredDocument(write.Key, json, ETags.New()) : null;
                staged[write.Key] = written;
                etags[i] = written?.ETag ?? "";
            }

            foreach (var (key, document) in staged)
            {
                Apply(key, document);
            }

            return Task.FromResult<IReadOnlyList<string>>(etags);
        }
    }

    /// <summary>The one place a document is written or removed, with its index entries; the caller holds the lock.</summary>
    private void Apply(string key, StoredDocument? document)
    {
        if (_valuesByKey.Remove(key, out var old))
        {
            foreach (var (name, value) in old)
            {
                _entries[name].Remove((value, key));
            }
        }

        if (document is null)
        {
            _documents.TryRemove(key, out _);
            return;
        }

        _documents[key] = document;
        var values = DocumentIndex.ValuesOf(_indexes, key, document.Json);
        if (values.Count > 0)
        {
            _valuesByKey[key] = values;
            foreach (var (name, value) in values)
            {
                (_entries.TryGetValue(name, out var entries) ? entries : _entries[name] = new SortedSet<(string, string)>(Ordinal.Instance)).Add((value, key));
            }
        }
    }

    private sealed class Ordinal : IComparer<(string Value, string Key)>
    {
        public static readonly Ordinal Instance = new();

        public int Compare((string Value, string Key) x, (string Value, string Key) y) =>
            string.CompareOrdinal(x.Value, y.Value) is var byValue and not 0 ? byValue : string.CompareOrdinal(x.Key, y.Key);
    }
}
