using System.Collections.Concurrent;
using Microsoft.ClearScript.V8;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// A pool of V8 engines that have loaded the chrono-node bundle (embedded by the build), one per core, created once
/// per process (on first use, or when a host warms it up at start-up) and shared. An engine is used by one thread at a
/// time. chrono is a pure function of its inputs (the text, the language, the local minute, the UTC offset), and the
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
    private readonly SemaphoreSlim _available;
    private readonly List<V8ScriptEngine> _all = [];

    private ChronoEngines(int size)
    {
        var script = Bundle();
        for (var i = 0; i < size; i++)
        {
            var engine = new V8ScriptEngine(V8ScriptEngineFlags.DisableGlobalMembers);
            engine.Execute(script);
            _all.Add(engine);
            _idle.Add(engine);
        }

        _available = new SemaphoreSlim(size, size);
    }

    public static ChronoEngines Instance => Shared.Value;

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
        _available.Wait();
        _idle.TryTake(out var engine);
        try
        {
            return (string)engine!.Invoke("parseDates", text, language, local.Year, local.Month, local.Day, local.Hour, local.Minute, offsetMinutes);
        }
        finally
        {
            _idle.Add(engine!);
            _available.Release();
        }
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
