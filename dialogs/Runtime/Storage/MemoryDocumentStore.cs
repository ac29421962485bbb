using System.Collections.Concurrent;

namespace RefundBot.Dialogs.Runtime.Storage;

/// <summary>
/// An in-process store with the same ETag semantics as the persistent ones; for tests and benchmarks. Reads take no
/// lock; writes take one, so that a commit of several documents is checked whole, then applied whole.
/// </summary>
public sealed class MemoryDocumentStore : IDocumentStore
{
    private readonly ConcurrentDictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);
    private readonly Lock _writing = new();

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

    public Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        lock (_writing)
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

    /// <summary>The one place a document is written or removed.</summary>
    private void Apply(string key, StoredDocument? document)
    {
        if (document is null)
        {
            _documents.TryRemove(key, out _);
        }
        else
        {
            _documents[key] = document;
        }
    }
}
