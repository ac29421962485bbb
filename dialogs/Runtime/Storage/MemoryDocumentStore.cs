using System.Collections.Concurrent;

namespace RefundBot.Dialogs.Runtime.Storage;

/// <summary>
/// An in-process store with the same ETag semantics and indexes as the persistent ones; for tests and benchmarks.
/// Reads take no lock; each write (the document and its index entries together) is applied under one lock, which is
/// the simplest way to keep an index exactly in step with the documents.
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

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Apply(key, json, expectedETag));
        }
    }

    public Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Apply(key, null, expectedETag);
        }

        return Task.CompletedTask;
    }

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

    /// <summary>Applies one write (or, without JSON, a delete) and its index entries; the caller holds the lock.</summary>
    private string Apply(string key, string? json, string? expectedETag)
    {
        var current = _documents.GetValueOrDefault(key);
        if (!(json is null && current is null) && !ETags.Allows(expectedETag, current?.ETag))
        {
            throw new ETagConflictException(key);
        }

        if (_valuesByKey.Remove(key, out var old))
        {
            foreach (var (name, value) in old)
            {
                _entries[name].Remove((value, key));
            }
        }

        if (json is null)
        {
            _documents.TryRemove(key, out _);
            return "";
        }

        var written = new StoredDocument(key, json, ETags.New());
        _documents[key] = written;
        var values = DocumentIndex.ValuesOf(_indexes, key, json);
        if (values.Count > 0)
        {
            _valuesByKey[key] = values;
            foreach (var (name, value) in values)
            {
                (_entries.TryGetValue(name, out var entries) ? entries : _entries[name] = new SortedSet<(string, string)>(Ordinal.Instance)).Add((value, key));
            }
        }

        return written.ETag;
    }

    private sealed class Ordinal : IComparer<(string Value, string Key)>
    {
        public static readonly Ordinal Instance = new();

        public int Compare((string Value, string Key) x, (string Value, string Key) y) =>
            string.CompareOrdinal(x.Value, y.Value) is var byValue and not 0 ? byValue : string.CompareOrdinal(x.Key, y.Key);
    }
}
