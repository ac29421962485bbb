using System.Collections.Concurrent;
using Microsoft.ClearScript.V8;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// A pool of V8 engines that have loaded the chrono-node bundle (embedded by the build), shared by the process. It grows
/// to one engine per core: an engine is made when every existing one is busy (or when a host warms the pool up at
/// start-up), so the first date phrase waits for one engine, not for all. An engine is used by one thread at a time.
/// chrono is a pure function of its inputs (the text, the language, the local minute, the UTC offset), and the
/// same short answers ("hi", "last Tuesday", "it doesn't work") come again and again, so recent results are
/// remembered: a call into V8 costs far more than the lookup.
/// </summary>
public sealed class ChronoEngines : IDisposable
{
    private const int RememberedResults = 4096;
    private const int LongestRememberedText = 200;
    private static readonly Lazy<ChronoEngines> Shared = new(() => new ChronoEngines(Environment.ProcessorCount));

    private readonly ConcurrentDictionary<(string Text, string Language, DateTime Minute, int Offset), string> _results = new();
    private int _resultCount;
    private readonly ConcurrentBag<V8ScriptEngine> _idle = [];
    private readonly ConcurrentQueue<V8ScriptEngine> _all = [];
    private readonly SemaphoreSlim _available;
    private readonly string _script = Bundle();
    private readonly int _size;

    private ChronoEngines(int size)
    {
        _size = size;
        _available = new SemaphoreSlim(size, size);
    }

    public static ChronoEngines Instance => Shared.Value;

    /// <summary>Makes sure one engine is ready (a host calls it as it starts: its first turns read dates).</summary>
    public void Prepare() => Return(Take());

    /// <summary>Makes the engines not made yet, up to one per core (a host calls it once it has started).</summary>
    public void WarmUp()
    {
        var taken = new List<V8ScriptEngine>();
        for (var i = 0; i < _size; i++)
        {
            taken.Add(Take());
        }

        taken.ForEach(Return);
    }

    /// <summary>chrono's results for <paramref name="text"/> as JSON, relative to a local date-time and UTC offset.</summary>
    public string Parse(string text, string language, DateTime local, int offsetMinutes)
    {
        var minute = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        var key = (text, language, minute, offsetMinutes);
        if (_results.TryGetValue(key, out var known))
        {
            return known;
        }

        var json = Run(text, language, minute, offsetMinutes);
        if (text.Length <= LongestRememberedText)
        {
            Remember(key, json);
        }

        return json;
    }

    /// <summary>Keeps a result; when the table is full it starts over (older minutes are of no use anyway).</summary>
    private void Remember((string, string, DateTime, int) key, string json)
    {
        if (Interlocked.Increment(ref _resultCount) > RememberedResults)
        {
            _results.Clear();
            Interlocked.Exchange(ref _resultCount, 1);
        }

        _results[key] = json;
    }

    private string Run(string text, string language, DateTime local, int offsetMinutes)
    {
        var engine = Take();
        try
        {
            return (string)engine.Invoke("parseDates", text, language, local.Year, local.Month, local.Day, local.Hour, local.Minute, offsetMinutes);
        }
        finally
        {
            Return(engine);
        }
    }

    /// <summary>An idle engine, or a new one: a permit held with no engine idle means fewer engines than permits exist.</summary>
    private V8ScriptEngine Take()
    {
        _available.Wait();
        if (_idle.TryTake(out var engine))
        {
            return engine;
        }

        V8ScriptEngine? created = null;
        try
        {
            created = new V8ScriptEngine(V8ScriptEngineFlags.DisableGlobalMembers);
            created.Execute(_script);
        }
        catch
        {
            created?.Dispose();
            _available.Release();
            throw;
        }

        _all.Enqueue(created);
        return created;
    }

    private void Return(V8ScriptEngine engine)
    {
        _idle.Add(engine);
        _available.Release();
    }

    public void Dispose()
    {
        foreach (var engine in _all)
        {
            engine.Dispose();
        }
    }

    private static string Bundle()
    {
        using var stream = typeof(ChronoEngines).Assembly.GetManifestResourceStream("RefundBot.Dialogs.chrono.js")
            ?? throw new InvalidOperationException("The chrono bundle is missing: the build bundles it from Recognizers/Chrono (npm, esbuild).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
