using System.Collections.Concurrent;
using Microsoft.ClearScript.V8;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// A pool of V8 engines that have loaded the chrono-node bundle (embedded by the build), one per core, created once
/// per process (on first use, or when a host warms it up at start-up) and shared. An engine is used by one thread at a
/// time.
/// </summary>
public sealed class ChronoEngines : IDisposable
{
    private static readonly Lazy<ChronoEngines> Shared = new(() => new ChronoEngines(Environment.ProcessorCount));

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
