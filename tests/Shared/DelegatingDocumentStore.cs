using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Tests.Shared;

/// <summary>
/// A store that passes every call to another: a test store overrides only what it watches or breaks (a write that
/// fails once, a delete held back, a listing counted) and stays a whole <see cref="IDocumentStore"/> otherwise.
/// Compiled into the test projects that need it (RefundBot.Bot.Tests, RefundBot.Dialogs.Tests).
/// </summary>
public abstract class DelegatingDocumentStore(IDocumentStore inner) : IDocumentStore
{
    protected IDocumentStore Inner { get; } = inner;

    public virtual Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        Inner.ReadAsync(key, cancellationToken);

    public virtual Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default) =>
        Inner.WriteAsync(key, json, expectedETag, cancellationToken);

    public virtual Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default) =>
        Inner.DeleteAsync(key, expectedETag, cancellationToken);

    public virtual Task DeleteWithNextCommitAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default) =>
        Inner.DeleteWithNextCommitAsync(key, expectedETag, cancellationToken);

    public virtual Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default) =>
        Inner.ListAsync(keyPrefix, cancellationToken);

    public virtual Task<IReadOnlyList<StoredDocument>> FindRangeAsync(
        DocumentIndex index, string from, string to, int limit, bool descending = false, CancellationToken cancellationToken = default) =>
        Inner.FindRangeAsync(index, from, to, limit, descending, cancellationToken);

    public virtual Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default) =>
        Inner.CommitAsync(writes, cancellationToken);
}
