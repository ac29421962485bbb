namespace RefundBot.Dialogs.Runtime.Storage;

/// <summary>A JSON document with the ETag of its stored version.</summary>
public sealed record StoredDocument(string Key, string Json, string ETag);

/// <summary>
/// Key → JSON document storage with optimistic concurrency, following the Bot Framework convention:
/// a write carries the ETag it read (or null for "must not exist yet", or "*" to overwrite);
/// a mismatch is an <see cref="ETagConflictException"/>, never a silent overwrite.
/// </summary>
public interface IDocumentStore
{
    Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default);

    /// <returns>The new ETag.</returns>
    Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Deletes the document; with an ETag other than "*", only the version read (else a conflict).</summary>
    Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the document as <see cref="DeleteAsync"/> does, but a store may hold the delete back briefly so that it
    /// shares its next commit, and that commit's flush to disk, with other writes; the task ends once the delete is
    /// committed. For a delete nobody answers on (an outbox record carried out): until it commits, the document is still
    /// there, as it would be after a crash. By default, the ordinary delete.
    /// </summary>
    Task DeleteWithNextCommitAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default) =>
        DeleteAsync(key, expectedETag, cancellationToken);

    /// <summary>Every document whose key starts with <paramref name="keyPrefix"/>, in key order.</summary>
    Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// The documents whose <paramref name="index"/> value lies between <paramref name="from"/> and <paramref name="to"/>
    /// (both included, compared ordinally), in value order (<paramref name="descending"/>: highest first), at most
    /// <paramref name="limit"/>. Reads the index, not the store: the cost follows what is returned.
    /// </summary>
    Task<IReadOnlyList<StoredDocument>> FindRangeAsync(
        DocumentIndex index, string from, string to, int limit, bool descending = false, CancellationToken cancellationToken = default);

    /// <summary>The documents whose <paramref name="index"/> value is <paramref name="value"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredDocument>> FindAsync(
        DocumentIndex index, string value, int limit = int.MaxValue, CancellationToken cancellationToken = default) =>
        FindRangeAsync(index, value, value, limit, cancellationToken: cancellationToken);

    /// <summary>
    /// Applies every write, in order, atomically: all of them or none. Any ETag mismatch is an
    /// <see cref="ETagConflictException"/> and nothing is written; any other failure rolls all of them back as well. A
    /// turn's state, what it changed elsewhere and what must follow it (its outbox records) are committed this way.
    /// </summary>
    /// <returns>The new ETag of each write, in order (empty for a delete).</returns>
    Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default);
}

/// <summary>
/// One write of a <see cref="IDocumentStore.CommitAsync"/>: a put (with <see cref="Json"/>) or a delete (without),
/// expecting <see cref="ExpectedETag"/> as <see cref="IDocumentStore.WriteAsync"/> and <see cref="IDocumentStore.DeleteAsync"/> do.
/// </summary>
public sealed record DocumentWrite(string Key, string? Json, string? ExpectedETag)
{
    public bool IsDelete => Json is null;

    public static DocumentWrite Put(string key, string json, string? expectedETag) => new(key, json, expectedETag);

    public static DocumentWrite Delete(string key, string expectedETag = ETags.Any) => new(key, null, expectedETag);

    /// <summary>
    /// True when this write may be applied over <paramref name="current"/> (null: no such document). Deleting a
    /// document that is gone is never a conflict, in every store.
    /// </summary>
    public bool Allows(string? current) => IsDelete ? current is null || ETags.Allows(ExpectedETag, current) : ETags.Allows(ExpectedETag, current);
}

public sealed class ETagConflictException(string key)
    : Exception($"The document '{key}' was changed by someone else (ETag mismatch).")
{
    public string Key { get; } = key;
}

public static class ETags
{
    public const string Any = "*";

    /// <summary>
    /// A new ETag: 128 random bits as hex. They only need to differ from every other ETag of the document, not to be
    /// unguessable, so they come from the fast per-thread generator rather than the system's cryptographic one.
    /// </summary>
    public static string New()
    {
        Span<byte> bits = stackalloc byte[16];
        Random.Shared.NextBytes(bits);
        return Convert.ToHexStringLower(bits);
    }

    /// <summary>True when a write that expects <paramref name="expected"/> may replace <paramref name="current"/>.</summary>
    public static bool Allows(string? expected, string? current) =>
        expected == Any || expected == current;
}
