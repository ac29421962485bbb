using System.Threading.Channels;
using LiteDB;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Storage;

/// <summary>
/// The embedded default store: one LiteDB file. Each document is { _id: key, json, etag }. Writes go through one
/// writer thread that commits them in batches (group commit): every write waiting when a commit starts shares that
/// commit and its flush to disk, and each ETag check happens inside the batch's transaction, so compare-and-swap stays
/// atomic. A write completes only once its batch is committed. Reads go straight to LiteDB, which is thread-safe.
/// </summary>
public sealed class LiteDbDocumentStore : IDocumentStore, IDisposable
{
    private const int MaxBatch = 256;
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _documents;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;

    public LiteDbDocumentStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        _documents = _database.GetCollection("documents");
        _writer = new Thread(WriteBatches) { IsBackground = true, Name = "LiteDB writer" };
        _writer.Start();
    }

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(ToStored(_documents.FindById(key)));

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new Write(key, json, expectedETag));

    public Task DeleteAsync(string key, string expectedETag = ETags.Any, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new Write(key, null, expectedETag));

    public Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<StoredDocument> found = _documents
            .Find(Query.StartsWith("_id", keyPrefix))
            .Select(d => ToStored(d)!)
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(found);
    }

    public void Dispose()
    {
        _writes.Writer.TryComplete();
        _writer.Join();
        _database.Dispose();
    }

    private Task<string> EnqueueAsync(Write write) =>
        _writes.Writer.TryWrite(write) ? write.Done.Task : Task.FromException<string>(new ObjectDisposedException(nameof(LiteDbDocumentStore)));

    private void WriteBatches()
    {
        var batch = new List<Write>(MaxBatch);
        while (_writes.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            Commit(batch);
        }
    }

    private void Commit(List<Write> batch)
    {
        var outcomes = new List<(Write Write, string? ETag, Exception? Error)>(batch.Count);
        try
        {
            _database.BeginTrans();
            foreach (var write in batch)
            {
                outcomes.Add(Apply(write));
            }

            _database.Commit();
        }
        catch (Exception exception)
        {
            _database.Rollback();
            batch.ForEach(w => w.Done.TrySetException(exception));
            return;
        }

        foreach (var (write, etag, error) in outcomes)
        {
            if (error is null)
            {
                write.Done.TrySetResult(etag!);
            }
            else
            {
                write.Done.TrySetException(error);
            }
        }
    }

    private (Write, string?, Exception?) Apply(Write write)
    {
        var current = _documents.FindById(write.Key)?["etag"].AsString;
        if (!ETags.Allows(write.ExpectedETag, current))
        {
            return (write, null, new ETagConflictException(write.Key));
        }

        if (write.Json is null)
        {
            _documents.Delete(write.Key);
            return (write, "", null);
        }

        var etag = ETags.New();
        _documents.Upsert(new BsonDocument { ["_id"] = write.Key, ["json"] = write.Json, ["etag"] = etag });
        return (write, etag, null);
    }

    private static StoredDocument? ToStored(BsonDocument? document) =>
        document is null ? null : new StoredDocument(document["_id"].AsString, document["json"].AsString, document["etag"].AsString);

    private sealed record Write(string Key, string? Json, string? ExpectedETag)
    {
        public TaskCompletionSource<string> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
