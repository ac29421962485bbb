using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Tests;

/// <summary>
/// The in-memory store, failing the test on a listing that reads a whole kind of document (every case, every archive,
/// every Direct Line record, or the whole store): what the product asks of the store must go through its indexes.
/// A listing under one conversation ("transcripts/{key}/") is allowed.
/// </summary>
public sealed class NoScanStore(params string[] forbidden) : IDocumentStore
{
    public static readonly string[] WholeKinds = ["", "cases/", "transcripts/", "directline/"];

    private readonly MemoryDocumentStore _inner = new();
    private readonly HashSet<string> _forbidden = [.. forbidden.Length == 0 ? WholeKinds : forbidden];

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default) => _inner.ReadAsync(key, cancellationToken);

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(key, json, expectedETag, cancellationToken);

    public Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(key, expectedETag, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default) =>
        _forbidden.Contains(keyPrefix)
            ? throw new InvalidOperationException($"A scan of every document under \"{keyPrefix}\": this must be an indexed query.")
            : _inner.ListAsync(keyPrefix, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> FindRangeAsync(
        DocumentIndex index, string from, string to, int limit, bool descending = false, CancellationToken cancellationToken = default) =>
        _inner.FindRangeAsync(index, from, to, limit, descending, cancellationToken);

    public Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default) =>
        _inner.CommitAsync(writes, cancellationToken);
}
