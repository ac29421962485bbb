using System.IO.Compression;
using System.Text;
using System.Threading.Channels;
using LiteDB;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Storage;

/// <summary>
/// The embedded default store: one LiteDB file. Each document is { _id: key, z: Brotli-compressed JSON, etag }. Writes go through one
/// writer thread that commits them in batches (group commit): every write waiting when a commit starts shares that
/// commit and its flush to disk, and each ETag check happens inside the batch's transaction, so compare-and-swap stays
/// atomic. A write completes only once its batch is committed; its document is compressed before it is queued, so the
/// writer thread, which every write waits for, does no more than it must. Reads go to LiteDB, which is thread-safe,
/// unless the document is one this process wrote and has written or read lately: those are kept as committed (set by the
/// writer thread alone, after each commit) in a two-generation <see cref="BoundedCache{TKey,TValue}"/>, so that a
/// conversation's next turn reads its state, and a turn the order it names, without LiteDB's query engine and Brotli.
/// The writer thread remembers the ETags of the keys it wrote last (this process holds the file exclusively), so an
/// ETag check of a conversation that is going on does not read the document back, and it inserts or updates without
/// LiteDB's upsert probing; a key it has forgotten (the cache is bounded) is checked against the stored ETag.
/// Each <see cref="DocumentIndex"/> is a field beside the payload, "ix_{name}", holding the value as UTF-8 bytes (so
/// LiteDB compares it byte by byte, in ordinal order, whatever the file's collation), with a LiteDB index on it; the
/// fields are filled in by <see cref="ToBson"/>, the one place a stored document is made, and a file indexed under
/// another set of indexes is indexed again when it is opened.
/// A commit of several documents is one queued unit: its ETags are checked together, then every write is applied
/// through <see cref="ApplyOne"/> inside the batch's transaction, so a conflict writes none of them.
/// The files are opened by <see cref="LiteDbFiles"/>, so that a batch is flushed to disk once, after its commit.
/// A delete given to <see cref="DeleteWithNextCommitAsync"/> (an outbox record carried out, which no answer waits for)
/// is held until the next write is queued, and goes to the writer thread with it, so that both share one commit and
/// one fsync; with no write within <see cref="DeleteHoldLimit"/>, it is committed by itself; closing the store commits
/// what is held. At one conversation this halves the fsyncs per turn (the turn's commit, then its record's delete).
/// </summary>
public sealed class LiteDbDocumentStore : IDocumentStore, IDisposable
{
    private const int MaxBatch = 256;
    /// <summary>Documents kept per generation of <see cref="_recent"/> (at most twice this many are held).</summary>
    internal const int RecentlyWritten = 2048;

    /// <summary>ETags kept per generation of <see cref="_etags"/>: the conversations active in the last few minutes.</summary>
    internal const int ETagsKept = 16_384;
    private const string IndexFieldPrefix = "ix_";
    private const string CompressedField = "z";

    /// <summary>How long a delete given to <see cref="DeleteWithNextCommitAsync"/> waits, at most, for a write to share a commit with.</summary>
    internal static readonly TimeSpan DeleteHoldLimit = TimeSpan.FromMilliseconds(50);
    private readonly LiteDbFiles _files;
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _documents;
    /// <summary>
    /// The writes waiting for the writer thread. Its continuations run synchronously: the one waiting on this channel is
    /// the writer thread's wake-up (<see cref="WriteBatches"/>), so a write wakes that thread directly, rather than
    /// through a thread-pool work item that then wakes it (two wake-ups per commit, each followed by an idle worker's spin).
    /// Each item is a write with the deletes held before it (<see cref="DeleteWithNextCommitAsync"/>): queued as one item,
    /// they reach the same batch, which two items written one after the other might not (the writer thread may wake between them).
    /// </summary>
    private readonly Channel<Write[]> _writes =
        Channel.CreateUnbounded<Write[]>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly Thread _writer;

    /// <summary>Guards <see cref="_heldDeletes"/> and <see cref="_closed"/>, and orders held deletes before the write they go with.</summary>
    private readonly Lock _queueing = new();
    private readonly List<Write> _heldDeletes = [];
    private readonly Timer _holdLimit;
    private bool _closed;
    private long _commits;

    /// <summary>Key → current ETag (null: no such document) of keys lately written with ETag checks, used by the writer thread only.</summary>
    private readonly BoundedCache<string, string?> _etags = new(ETagsKept, StringComparer.Ordinal);
    private readonly IReadOnlyList<DocumentIndex> _indexes;

    /// <summary>
    /// Documents this process wrote, as committed; set and removed by the writer thread only, after each commit. A read
    /// keeps a document of the older generation (the same committed value, moved under the cache's lock), so what
    /// turns keep reading (a conversation going on, the demo orders seeded at start) is not dropped every few thousand
    /// writes, as a table cleared when full did.
    /// </summary>
    private readonly BoundedCache<string, StoredDocument> _recent = new(RecentlyWritten, StringComparer.Ordinal);

    public LiteDbDocumentStore(string path, IReadOnlyList<DocumentIndex>? indexes = null)
    {
        _indexes = indexes ?? DocumentIndexes.All;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _files = new LiteDbFiles(path);
        _database = _files.Open();
        _documents = _database.GetCollection("documents");
        IndexExistingDocuments();
        _holdLimit = new Timer(_ => QueueHeldDeletesNow());
        _writer = new Thread(WriteBatches) { IsBackground = true, Name = "LiteDB writer" };
        _writer.Start();
    }

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_recent.TryGetValue(key, out var recent) ? recent : ToStored(_documents.FindById(key)));

    public async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default) =>
        (await CommitAsync([DocumentWrite.Put(key, json, expectedETag)], cancellationToken))[0];

    public Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default) =>
        CommitAsync([DocumentWrite.Delete(key, expectedETag)], cancellationToken);

    /// <summary>
    /// Holds the delete until the next write is queued (both then share a commit) or, with none, for at most
    /// <see cref="HoldDeletesFor"/>; the task ends once it is committed.
    /// </summary>
    public Task DeleteWithNextCommitAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default)
    {
        var delete = ToWrite([DocumentWrite.Delete(key, expectedETag)]);
        lock (_queueing)
        {
            if (_closed)
            {
                return Task.FromException(new ObjectDisposedException(nameof(LiteDbDocumentStore)));
            }

            _heldDeletes.Add(delete);
            if (_heldDeletes.Count == 1)
            {
                _holdLimit.Change(HoldDeletesFor, Timeout.InfiniteTimeSpan);
            }
        }

        return delete.Done.Task;
    }

    /// <summary>
    /// Queued as one unit for the writer thread: its writes are checked together, then applied inside the batch's
    /// transaction, so that a conflict writes none of them and a failure rolls them back with the batch.
    /// </summary>
    public Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default) =>
        EnqueueAsync(ToWrite(writes));

    public Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        // LiteDB refuses an empty prefix (ArgumentNullException): every document is then read as such.
        IReadOnlyList<StoredDocument> found = (keyPrefix.Length == 0 ? _documents.FindAll() : _documents.Find(Query.StartsWith("_id", keyPrefix)))
            .Select(d => ToStored(d)!)
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<StoredDocument>> FindRangeAsync(
        DocumentIndex index, string from, string to, int limit, bool descending = false, CancellationToken cancellationToken = default)
    {
        var field = IndexField(index);
        IReadOnlyList<StoredDocument> found = limit <= 0 || string.CompareOrdinal(from, to) > 0
            ? []
            : _documents.Query()
                .Where(Query.Between(field, Utf8(from), Utf8(to)))
                .OrderBy(BsonExpression.Create("$." + field), descending ? Query.Descending : Query.Ascending)
                .Limit(limit)
                .ToEnumerable()
                .Select(d => ToStored(d)!)
                .ToList();
        return Task.FromResult(found);
    }

    /// <summary>How many keys the writer thread remembers the ETag of now (bounded by twice <see cref="ETagsKept"/>).</summary>
    public int RememberedETags => _etags.Count;

    /// <summary>How many documents are kept in memory for readers now (bounded by twice <see cref="RecentlyWritten"/>).</summary>
    internal int DocumentsKept => _recent.Count;

    /// <summary>Whether a read of <paramref name="key"/> is answered from memory, without LiteDB (for the tests; it does not touch the cache's order).</summary>
    internal bool KeepsInMemory(string key) => _recent.Contains(key);

    /// <summary>How long this store holds a delete given to <see cref="DeleteWithNextCommitAsync"/> (the tests hold them longer).</summary>
    internal TimeSpan HoldDeletesFor { get; init; } = DeleteHoldLimit;

    /// <summary>How many batches the writer thread has committed (each one fsync of the log).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>Commits what is held and queued, then closes the files.</summary>
    public void Dispose()
    {
        lock (_queueing)
        {
            _closed = true;
            QueueHeldDeletes(null);
            _writes.Writer.TryComplete();
        }

        _holdLimit.Dispose();
        _writer.Join();
        _database.Dispose();
        _files.Dispose();
    }

    private Write ToWrite(IReadOnlyList<DocumentWrite> writes) => new(
        writes,
        [.. writes.Select(w => w.Json is null ? null : Compress(w.Json))],
        [.. writes.Select(w => w.Json is null ? null : DocumentIndex.ValuesOf(_indexes, w.Key, w.Json))]);

    /// <summary>Queues the write, and with it (before it, in the same batch) the deletes held until now.</summary>
    private Task<IReadOnlyList<string>> EnqueueAsync(Write write)
    {
        lock (_queueing)
        {
            return QueueHeldDeletes(write) ? write.Done.Task : Task.FromException<IReadOnlyList<string>>(new ObjectDisposedException(nameof(LiteDbDocumentStore)));
        }
    }

    /// <summary>The hold limit ran out with no write to go with: the held deletes are committed by themselves.</summary>
    private void QueueHeldDeletesNow()
    {
        lock (_queueing)
        {
            if (_heldDeletes.Count > 0)
            {
                QueueHeldDeletes(null);
            }
        }
    }

    /// <summary>Queues the held deletes, then <paramref name="write"/> if any, as one item; under <see cref="_queueing"/>. False once closed.</summary>
    private bool QueueHeldDeletes(Write? write)
    {
        Write[] item = write is null ? [.. _heldDeletes] : [.. _heldDeletes, write];
        if (item.Length == 0)
        {
            return true;
        }

        var queued = _writes.Writer.TryWrite(item);
        if (!queued)
        {
            _heldDeletes.ForEach(d => d.Done.TrySetException(new ObjectDisposedException(nameof(LiteDbDocumentStore))));
        }

        _heldDeletes.Clear();
        return queued;
    }

    private void WriteBatches()
    {
        var batch = new List<Write>(MaxBatch);
        while (_writes.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var item))
            {
                batch.AddRange(item); // a write and the deletes held before it stay together, even past MaxBatch
            }

            Commit(batch);
        }
    }

    private void Commit(List<Write> batch)
    {
        var outcomes = new List<(Write Write, string[]? ETags, Exception? Error)>(batch.Count);
        try
        {
            _database.BeginTrans();
            foreach (var write in batch)
            {
                outcomes.Add(Apply(write));
            }

            _database.Commit();
            _files.SyncLog();
            Interlocked.Increment(ref _commits);
        }
        catch (Exception exception)
        {
            _database.Rollback();
            _etags.Clear(); // what the failed batch wrote is not in the file

            // Or it is, when only the flush after the commit failed: readers go back to the file either way.
            _recent.Clear();

            batch.ForEach(w => w.Done.TrySetException(exception));
            return;
        }

        foreach (var (write, etags, error) in outcomes)
        {
            if (error is null)
            {
                for (var i = 0; i < etags!.Length; i++)
                {
                    KeepRecent(write.Writes[i], etags[i]);
                }

                write.Done.TrySetResult(etags);
            }
            else
            {
                write.Done.TrySetException(error);
            }
        }
    }

    /// <summary>Keeps a committed write for readers; what is neither written nor read for a generation is forgotten (LiteDB has every document).</summary>
    private void KeepRecent(DocumentWrite write, string etag)
    {
        if (write.Json is null)
        {
            _recent.Remove(write.Key);
            return;
        }

        _recent.Set(write.Key, new StoredDocument(write.Key, write.Json, etag));
    }

    /// <summary>
    /// Checks every write of a commit against the current ETags (an earlier write of the same commit included), then,
    /// only if all pass, applies them one by one.
    /// </summary>
    private (Write, string[]?, Exception?) Apply(Write write)
    {
        var pending = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var document in write.Writes)
        {
            var current = pending.TryGetValue(document.Key, out var staged) ? staged : CurrentETag(document);
            if (!document.Allows(current))
            {
                return (write, null, new ETagConflictException(document.Key));
            }

            pending[document.Key] = document.Json is null ? null : "";
        }

        var etags = new string[write.Writes.Count];
        for (var i = 0; i < etags.Length; i++)
        {
            etags[i] = ApplyOne(write.Writes[i], write.Compressed[i], write.IndexValues[i]);
        }

        return (write, etags, null);
    }

    /// <summary>The ETag of the stored document (null: none), from the writer's table when it knows the key.</summary>
    private string? CurrentETag(DocumentWrite write)
    {
        if (write is { ExpectedETag: ETags.Any, Json: not null })
        {
            return null; // an unconditional write is not checked
        }

        if (!_etags.TryGetValue(write.Key, out var current)) // never seen, or forgotten: the file has the truth
        {
            current = _documents.FindById(write.Key)?["etag"].AsString;
            _etags.Set(write.Key, current);
        }

        return current;
    }

    /// <summary>The one routine that writes or removes a document, its ETag already checked; returns the new ETag.</summary>
    private string ApplyOne(DocumentWrite write, byte[]? compressed, IReadOnlyDictionary<string, string>? indexValues)
    {
        if (write.Json is null)
        {
            _documents.Delete(write.Key);
            _etags.Set(write.Key, null);
            return "";
        }

        var etag = ETags.New();
        var document = ToBson(write.Key, compressed!, etag, indexValues!);
        if (write.ExpectedETag == ETags.Any)
        {
            // An unconditional write (a transcript's lines, a case) needs no ETag check, and its key no cache entry.
            _documents.Upsert(document);
            _etags.Remove(write.Key);
        }
        else
        {
            if (!_etags.TryGetValue(write.Key, out var known))
            {
                _documents.Upsert(document); // an unconditional write of the same commit went before
            }
            else if (known is null)
            {
                _documents.Insert(document);
            }
            else
            {
                _documents.Update(document);
            }

            _etags.Set(write.Key, etag);
        }

        return etag;
    }

    /// <summary>The stored form of a document: key, compressed payload, ETag and the value of each index that covers it.</summary>
    private static BsonDocument ToBson(string key, byte[] compressed, string etag, IReadOnlyDictionary<string, string> indexValues)
    {
        var document = new BsonDocument { ["_id"] = key, [CompressedField] = compressed, ["etag"] = etag };
        foreach (var (name, value) in indexValues)
        {
            document[IndexFieldPrefix + FieldName(name)] = Utf8(value);
        }

        return document;
    }

    /// <summary>
    /// Gives every document the index fields of the indexes declared now, when the file was indexed under others (or
    /// none: a file from before indexes), and makes sure LiteDB has an index on each field. Runs once, at opening.
    /// </summary>
    private void IndexExistingDocuments()
    {
        var meta = _database.GetCollection("meta");
        var signature = DocumentIndex.Signature(_indexes);
        foreach (var index in _indexes)
        {
            _documents.EnsureIndex(IndexField(index), "$." + IndexField(index));
        }

        if (meta.FindById("indexes")?["signature"].AsString == signature)
        {
            return;
        }

        // In batches, in key order, each its own transaction, so that a large file is never held in memory whole; a
        // crash part-way leaves the signature unchanged and the next opening starts again (re-indexing is idempotent).
        const int batchSize = 1000;
        var after = "";
        while (true)
        {
            var batch = _documents.Query().Where(Query.GT("_id", after)).OrderBy("_id").Limit(batchSize).ToList();
            if (batch.Count == 0)
            {
                break;
            }

            _database.BeginTrans();
            foreach (var stored in batch)
            {
                var key = stored["_id"].AsString;
                var json = Json(stored);
                _documents.Update(ToBson(key, Compress(json), stored["etag"].AsString, DocumentIndex.ValuesOf(_indexes, key, json)));
            }

            _database.Commit();
            after = batch[^1]["_id"].AsString;
        }

        meta.Upsert(new BsonDocument { ["_id"] = "indexes", ["signature"] = signature });
    }

    private static string IndexField(DocumentIndex index) => IndexFieldPrefix + FieldName(index.Name);

    private static string FieldName(string indexName) => indexName.Replace('-', '_');

    private static BsonValue Utf8(string value) => new(Encoding.UTF8.GetBytes(value));

    private static StoredDocument? ToStored(BsonDocument? document) =>
        document is null ? null : new StoredDocument(document["_id"].AsString, Json(document), document["etag"].AsString);

    /// <summary>
    /// The JSON, stored Brotli-compressed (fastest level): a conversation's state shrinks to a third or less, and LiteDB's
    /// cost per write grows with the bytes written, so compressing costs less than it saves. Documents written by
    /// earlier versions, with a plain "json" string, are still read.
    /// </summary>
    private static byte[] Compress(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(utf8.Length)];
        return BrotliEncoder.TryCompress(utf8, buffer, out var written, quality: 1, window: 22)
            ? buffer[..written]
            : throw new InvalidOperationException("Brotli could not compress a document.");
    }

    private static string Json(BsonDocument document)
    {
        if (!document.TryGetValue(CompressedField, out var compressed))
        {
            return document["json"].AsString;
        }

        using var input = new MemoryStream(compressed.AsBinary);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The writes of one commit, each document compressed with its index values (null for a delete).</summary>
    private sealed record Write(IReadOnlyList<DocumentWrite> Writes, byte[]?[] Compressed, IReadOnlyDictionary<string, string>?[] IndexValues)
    {
        public TaskCompletionSource<IReadOnlyList<string>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
