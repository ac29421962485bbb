using LiteDB;
using LiteDB.Engine;

namespace RefundBot.Bot.Storage;

/// <summary>
/// The two files of a LiteDB database, opened by the store rather than by LiteDB, for one reason: when fsync happens.
/// LiteDB appends each commit's pages to its log file (<c>name-log.ext</c>, LiteDB's own naming, so a database it
/// created opens here and the other way round) and its log writer calls fsync whenever its queue runs dry, which is
/// after nearly every page: a commit of a few documents cost a dozen fsyncs. Here the log is written through to the
/// operating system at once and synced once per batch, by <see cref="SyncLog"/> after the commit and before any write
/// of the batch is acknowledged. The data file, which LiteDB writes at a checkpoint before it empties the log, is synced
/// whenever LiteDB flushes it, as before. The files are held exclusively by this process.
/// </summary>
internal sealed class LiteDbFiles(string path) : IDisposable
{
    private readonly LiteDbFile _data = new(path, syncOnFlush: true);
    private readonly LiteDbFile _log = new(LogPath(path), syncOnFlush: false);

    public LiteDatabase Open() =>
        new(new LiteEngine(new EngineSettings { DataStream = _data, LogStream = _log }), disposeOnClose: true);

    /// <summary>Makes every log page written so far durable.</summary>
    public void SyncLog() => _log.Sync();

    public void Dispose()
    {
        _log.Dispose();
        _data.Dispose();
    }

    private static string LogPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}-log{Path.GetExtension(path)}");

    /// <summary>An unbuffered file whose flushes reach the disk or only the operating system, as chosen.</summary>
    private sealed class LiteDbFile(string path, bool syncOnFlush)
        : FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.RandomAccess)
    {
        public override void Flush() => Flush(syncOnFlush);

        public override void Flush(bool flushToDisk) => base.Flush(flushToDisk && syncOnFlush);

        public void Sync() => base.Flush(flushToDisk: true);
    }
}
