using BenchmarkDotNet.Attributes;
using RefundBot.Bot.Storage;
using RefundBot.Dialogs.Runtime.Storage;

/// <summary>
/// The state store alone: a read and an ETag-checked write of a conversation-sized document (3 KB), by one writer or
/// by 32 at once (as 32 concurrent conversations do; the LiteDB store then commits them together). The mean is per write.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private static readonly string Document = "{\"state\":\"" + new string('x', int.Parse(Environment.GetEnvironmentVariable("DOC_SIZE") ?? "3000")) + "\"}";
    private readonly string _directory = Directory.CreateTempSubdirectory("refundbot-store-").FullName;
    private IDocumentStore _store = null!;

    [Params("memory", "litedb")]
    public string Store { get; set; } = "";

    [Params(1, 32)]
    public int Writers { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _store = Store == "litedb" ? new LiteDbDocumentStore(Path.Combine(_directory, "store.db")) : new MemoryDocumentStore();

    [GlobalCleanup]
    public void Cleanup()
    {
        (_store as IDisposable)?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public Task ReadAndWrite() => Task.WhenAll(Enumerable.Range(0, Writers).Select(async writer =>
    {
        var key = $"bench/conversations/{writer}";
        var stored = await _store.ReadAsync(key);
        await _store.WriteAsync(key, Document, stored?.ETag);
    }));
}
