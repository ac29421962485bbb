using System.Collections.Concurrent;

namespace RefundBot.Dialogs.Runtime.Storage;

/// <summary>
/// An in-process store with the same ETag semantics as the persistent ones; for tests and benchmarks. Each write is a
/// compare-and-swap on its own key, so writers of different conversations never wait for each other.
/// </summary>
public sealed class MemoryDocumentStore : IDocumentStore
{
    private readonly ConcurrentDictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_documents.GetValueOrDefault(key));

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var current = _documents.GetValueOrDefault(key);
            if (!ETags.Allows(expectedETag, current?.ETag))
            {
                throw new ETagConflictException(key);
            }

            var written = new StoredDocument(key, json, ETags.New());
            if (current is null ? _documents.TryAdd(key, written) : _documents.TryUpdate(key, written, current))
            {
                return Task.FromResult(written.ETag);
            }
        }
    }

    public Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default)
    {
        while (_documents.TryGetValue(key, out var current))
        {
            if (!ETags.Allows(expectedETag, current.ETag))
            {
                throw new ETagConflictException(key);
            }

            if (_documents.TryRemove(new KeyValuePair<string, StoredDocument>(key, current)))
            {
                break;
            }
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
}
