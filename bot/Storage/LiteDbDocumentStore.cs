using LiteDB;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Storage;

/// <summary>
/// The embedded default store: one LiteDB file. Each document is { _id: key, json, etag }; the ETag check and the
/// write happen under one lock, so the compare-and-swap is atomic for this process (LiteDB opens the file exclusively).
/// </summary>
public sealed class LiteDbDocumentStore : IDocumentStore, IDisposable
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _documents;
    private readonly Lock _gate = new();

    public LiteDbDocumentStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        _documents = _database.GetCollection("documents");
    }

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(ToStored(_documents.FindById(key)));
        }
    }

    public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var current = _documents.FindById(key)?["etag"].AsString;
            if (!ETags.Allows(expectedETag, current))
            {
                throw new ETagConflictException(key);
            }

            var etag = ETags.New();
            _documents.Upsert(new BsonDocument { ["_id"] = key, ["json"] = json, ["etag"] = etag });
            return Task.FromResult(etag);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _documents.Delete(key);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredDocument> found = _documents
                .Find(Query.StartsWith("_id", keyPrefix))
                .Select(d => ToStored(d)!)
                .OrderBy(d => d.Key, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(found);
        }
    }

    public void Dispose() => _database.Dispose();

    private static StoredDocument? ToStored(BsonDocument? document) =>
        document is null ? null : new StoredDocument(document["_id"].AsString, document["json"].AsString, document["etag"].AsString);
}
