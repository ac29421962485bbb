using System.Globalization;
using System.Text.Json;

/// <summary>The driver's JSON lines of one run, grouped for the report: load runs, cold starts, idle runs, scenarios.</summary>
internal sealed class Results
{
    private readonly List<JsonElement> _scenarios;

    public Results(List<JsonElement> rows)
    {
        Loads = [.. rows.Where(r => r.TryGetProperty("turnsPerSecond", out _) && r.TryGetProperty("p99Ms", out _))
            .GroupBy(r => (Label: r.GetProperty("label").GetString()!, Concurrency: r.GetProperty("concurrency").GetInt32()))
            .Select(g => new LoadGroup(g.Key.Label, g.Key.Concurrency, [.. g]))];
        ColdStarts = [.. rows.Where(r => r.TryGetProperty("coldStartMs", out _))
            .GroupBy(r => r.GetProperty("label").GetString()!)
            .Select(g => (g.Key, g.Select(r => r.GetProperty("coldStartMs").GetInt64()).Order().ToList()))];
        Idles = [.. rows.Where(r => r.TryGetProperty("idleConversations", out _))];
        _scenarios = [.. rows.Where(r => r.TryGetProperty("scenario", out _))];
    }

    /// <summary>Each bot's runs at each concurrency (its rounds), in the order they were first run.</summary>
    public List<LoadGroup> Loads { get; }

    /// <summary>Each bot's cold starts, fastest first.</summary>
    public List<(string Label, List<long> Times)> ColdStarts { get; }

    public List<JsonElement> Idles { get; }

    public IEnumerable<JsonElement> Failures => _scenarios.Where(s => s.GetProperty("status").GetString() == "failed");

    public LoadGroup? Load(string label, int concurrency) => Loads.FirstOrDefault(l => l.Label == label && l.Concurrency == concurrency);

    public JsonElement? Scenario(string name) => _scenarios.LastOrDefault(s => s.GetProperty("scenario").GetString() == name) is { ValueKind: JsonValueKind.Object } s ? s : null;

    public double PeerTurnsPerSecond(int concurrency) => Load("peer", concurrency)?.TurnsPerSecond ?? double.NaN;

    public double PeerP99(int concurrency) => Load("peer", concurrency)?.Mean("p99Ms") ?? double.NaN;

    public double MedianColdStartMs(string label) =>
        ColdStarts.FirstOrDefault(c => c.Label == label).Times is { Count: > 0 } times ? times[times.Count / 2] : double.NaN;

    public double PeerColdStartMs => MedianColdStartMs("peer");
}

/// <summary>One bot's load runs at one concurrency; the report gives their mean.</summary>
internal sealed record LoadGroup(string Label, int Concurrency, List<JsonElement> Runs)
{
    public bool IsDirectLine => Label.EndsWith("-directline", StringComparison.Ordinal);

    public double TurnsPerSecond => Mean("turnsPerSecond");

    public int Errors => Runs.Sum(r => r.GetProperty("errors").GetInt32());

    public string Rounds => string.Join(", ", Runs.Select(r => r.GetProperty("turnsPerSecond").GetDouble().ToString("0", CultureInfo.InvariantCulture)));

    public double Mean(string field) => Runs.Average(r => r.GetProperty(field).GetDouble());

    /// <summary>The mean of a field every run measured, formatted; empty when some run did not measure it.</summary>
    public string Optional(string field, string format) =>
        Runs.All(r => r.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number) ? Mean(field).ToString(format, CultureInfo.InvariantCulture) : "";
}
