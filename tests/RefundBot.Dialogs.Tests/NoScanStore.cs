using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Tests;

/// <summary>
/// The in-memory store, failing the test on a listing that reads a whole kind of document (every case, every archive,
/// every Direct Line record, or the whole store): what the product asks of the store must go through its indexes.
/// A listing under one conversation ("transcripts/{key}/") is allowed.
/// </summary>
public sealed class NoScanStore(params string[] forbidden) : DelegatingDocumentStore(new MemoryDocumentStore())
{
    public static readonly string[] WholeKinds = ["", "cases/", "transcripts/", "directline/"];

    private readonly HashSet<string> _forbidden = [.. forbidden.Length == 0 ? WholeKinds : forbidden];

    public override Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default) =>
        _forbidden.Contains(keyPrefix)
            ? throw new InvalidOperationException($"A scan of every document under \"{keyPrefix}\": this must be an indexed query.")
            : Inner.ListAsync(keyPrefix, cancellationToken);
}
