namespace RefundBot.Dialogs.Runtime.Storage;

/// <summary>An in-process store with the same ETag semantics as the persistent ones; for tests and benchmarks.</summary>
public sealed class MemoryDocumentStore : IDocumentStore
{
    private readonly Dictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_documents.GetValueOrDefault(key));
        }
    }

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var current = _documents.GetValueOrDefault(key)?.ETag;
            if (!ETags.Allows(expectedETag, current))
            {
                throw new ETagConflictException(key);
            }

            var etag = ETags.New();
            _documents[key] = new StoredDocument(key, json, etag);
            return Task.FromResult(etag);
        }
    }

    public Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!ETags.Allows(expectedETag, _documents.GetValueOrDefault(key)?.ETag))
            {
                throw new ETagConflictException(key);
            }

            _documents.Remove(key);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredDocument> found = _documents.Values
                .Where(d => d.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
                .OrderBy(d => d.Key, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(found);
        }
    }
}
