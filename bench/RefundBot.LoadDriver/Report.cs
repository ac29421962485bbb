using System.Globalization;
using System.Text;
using System.Text.Json;

/// <summary>
/// Turns the driver's JSON lines into bench/RESULTS.md and its dated copy: how the run went (the command, the commit,
/// each scenario done, failed or not reached), the issue's targets passed or not, the side-by-side table, the ratios
/// to the peer and Direct Line's to <c>/api/messages</c>, and every other scenario's figures. bench/run writes it again
/// after every scenario, so a later failure leaves the earlier figures in place. What follows <see cref="KeptMarker"/>
/// in the existing RESULTS.md (figures measured separately, by hand) is kept below the report.
/// </summary>
internal static class Report
{
    public const string KeptMarker = "<!-- Measured separately: bench/run keeps everything below this line. -->";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var rows = File.ReadLines(Get("--report")!).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var results = new Results(rows);
        var md = new StringBuilder();
        Header(md, results, Get("--command") ?? "bash bench/run", Get("--commit") ?? "unknown", (Get("--scenarios") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Targets.Write(md, results);
        SideBySide(md, results);
        Loads(md, results);
        ColdStarts(md, results);
        SlowChannel(md, results);
        Idle(md, results);
        Persisted(md, rows);
        ManyCases(md, rows);
        ScaleOut(md, rows);
        if (Get("--copy") is { } copy)
        {
            File.WriteAllText(copy, md.ToString());
        }

        var output = Get("--out")!;
        var kept = File.Exists(output) ? File.ReadAllText(output) : "";
        var keptAt = kept.IndexOf(KeptMarker, StringComparison.Ordinal);
        File.WriteAllText(output, md.ToString() + (keptAt >= 0 ? Environment.NewLine + kept[keptAt..] : ""));
    }

    private static void Header(StringBuilder md, Results results, string command, string commit, string[] planned)
    {
        var memory = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        md.AppendLine("# Benchmark results").AppendLine();
        md.AppendLine($"Produced by `{command}` at commit `{commit}`; this report written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC "
            + $"(load average {load}), on a machine with {Environment.ProcessorCount} cores and {long.Parse(memory, Invariant) / 1024 / 1024} GiB of memory. "
            + "Bots and driver share the machine.").AppendLine();
        md.AppendLine("| scenario | outcome | seconds |").AppendLine("| --- | --- | ---: |");
        foreach (var name in planned)
        {
            var record = results.Scenario(name);
            var outcome = record is null ? "not finished when this report was written"
                : record.Value.GetProperty("status").GetString() == "done" ? "done"
                : $"**failed** (exit code {Text(record.Value, "exitCode")}) at bench/run line {Text(record.Value, "line")}: `{Text(record.Value, "failedCommand")}`";
            md.AppendLine($"| {name} | {outcome} | {(record is null ? "" : Text(record.Value, "seconds"))} |");
        }

        foreach (var failure in results.Failures.Where(f => f.TryGetProperty("output", out var o) && o.ValueKind == JsonValueKind.String))
        {
            md.AppendLine().AppendLine($"The end of `{failure.GetProperty("scenario").GetString()}`'s output:").AppendLine().AppendLine("```");
            md.AppendLine(failure.GetProperty("output").GetString()!.TrimEnd()).AppendLine("```");
        }

        md.AppendLine().AppendLine("The same 4-turn refund intake (order ID → purchase date → reason → summary), driven Emulator-style on loopback by "
            + "`bench/RefundBot.LoadDriver`: each turn is timed from the request sent to the reply carrying the expected step. "
            + "The peer is the Bot Framework JavaScript SDK (botbuilder 4.23.3, CloudAdapter, MemoryStorage, express), `bench/peer`.").AppendLine();
    }

    /// <summary>The README's side-by-side table: each path at 1 and at 32 conversations, with its ratio to the peer.</summary>
    private static void SideBySide(StringBuilder md, Results results)
    {
        (string Label, string Path)[] paths =
        [
            ("peer", "Bot Framework SDK peer (in memory), `/api/messages`"),
            ("refundbot-litedb", "RefundBot LiteDB, `/api/messages`"),
            ("refundbot-memory", "RefundBot in memory, `/api/messages`"),
            ("refundbot-litedb-directline", "RefundBot LiteDB, **Direct Line** (POST + reply on the WebSocket stream)"),
        ];
        if (!paths.Any(p => results.Load(p.Label, 1) is not null || results.Load(p.Label, 32) is not null))
        {
            return;
        }

        md.AppendLine("## Side by side").AppendLine();
        md.AppendLine("| path | 1 conversation | 32 conversations |").AppendLine("| --- | ---: | ---: |");
        foreach (var (label, path) in paths)
        {
            string Cell(int concurrency, string percentile)
            {
                if (results.Load(label, concurrency) is not { } load)
                {
                    return "not measured";
                }

                var ratio = label == "peer" ? "" : $" ({Ratio(load.TurnsPerSecond / results.PeerTurnsPerSecond(concurrency))})";
                return $"{load.TurnsPerSecond:#,0} turns/s{ratio}, {percentile} {load.Mean(percentile + "Ms"):0.00} ms";
            }

            md.AppendLine($"| {path} | {Cell(1, "p50")} | {Cell(32, "p99")} |");
        }

        md.AppendLine().AppendLine("In brackets: × the peer's turns/s at the same concurrency (the peer has no Direct Line, so the Direct Line row's "
            + "ratio is to the peer's `/api/messages`).").AppendLine();
    }

    private static void Loads(StringBuilder md, Results results)
    {
        var loads = results.Loads.Where(l => !l.Label.Contains("slow-channel", StringComparison.Ordinal)).ToList();
        if (loads.Count == 0)
        {
            return;
        }

        md.AppendLine("## Every load run").AppendLine();
        md.AppendLine("| bot | concurrent conversations | turns/s | × peer | × `/api/messages` (same store) | p50 ms | p95 ms | p99 ms | p99 × peer | errors | peak RSS MB | bot CPU ms per turn | turns/s of each round |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var load in loads.OrderBy(l => l.IsDirectLine).ThenBy(l => l.Concurrency))
        {
            var emulator = load.IsDirectLine ? results.Load(load.Label[..^"-directline".Length], load.Concurrency) : null;
            md.AppendLine($"| {load.Label} | {load.Concurrency} | {load.TurnsPerSecond:0} | {Ratio(load.TurnsPerSecond / results.PeerTurnsPerSecond(load.Concurrency))} | "
                + $"{(emulator is null ? "" : Ratio(load.TurnsPerSecond / emulator.TurnsPerSecond))} | "
                + $"{load.Mean("p50Ms"):0.0} | {load.Mean("p95Ms"):0.0} | {load.Mean("p99Ms"):0.0} | {Ratio(load.Mean("p99Ms") / results.PeerP99(load.Concurrency))} | {load.Errors} | "
                + $"{load.Optional("peakRssMb", "0")} | {load.Optional("botCpuMsPerTurn", "0.00")} | {load.Rounds} |");
        }

        md.AppendLine().AppendLine("Each row is the mean of its rounds; the rounds of the three bots were run in turn (RefundBot on LiteDB, "
            + "RefundBot in memory, the peer, and again), each in a fresh process. The bot's CPU time per turn (user + system, from /proc) "
            + "depends far less than turns/s on what else the machine runs. The `-directline` rows are RefundBot's website path (Direct "
            + "Line: POST, reply on the WebSocket stream); \"× `/api/messages`\" is their turns/s ÷ the same store's `/api/messages` "
            + "turns/s at the same concurrency, and their \"× peer\" is to the peer's `/api/messages`.").AppendLine();
    }

    private static void ColdStarts(StringBuilder md, Results results)
    {
        if (results.ColdStarts.Count == 0)
        {
            return;
        }

        md.AppendLine("| bot | cold start to first reply, median (ms) | × peer | launches | fastest – slowest (ms) |").AppendLine("| --- | ---: | ---: | ---: | --- |");
        foreach (var (label, times) in results.ColdStarts)
        {
            md.AppendLine($"| {label} | {times[times.Count / 2]} | {Ratio(times[times.Count / 2] / (double)results.PeerColdStartMs)} | {times.Count} | {times[0]} – {times[^1]} |");
        }

        md.AppendLine();
    }

    private static void SlowChannel(StringBuilder md, Results results)
    {
        var slow = results.Loads.Where(l => l.Label.Contains("slow-channel", StringComparison.Ordinal)).ToList();
        if (slow.Count == 0)
        {
            return;
        }

        md.AppendLine("Slow channel: the Direct Line path (LiteDB), 4 conversations at once, without and then beside deliveries pending to a "
            + "serviceUrl that accepts connections and never answers. Web Chat's p50/p99 should not move.").AppendLine();
        md.AppendLine("| run | turns/s | p50 ms | p95 ms | p99 ms | errors |").AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var load in slow)
        {
            md.AppendLine($"| {load.Label} | {load.TurnsPerSecond:0} | {load.Mean("p50Ms"):0.0} | {load.Mean("p95Ms"):0.0} | {load.Mean("p99Ms"):0.0} | {load.Errors} |");
        }

        md.AppendLine();
    }

    private static void Idle(StringBuilder md, Results results)
    {
        if (results.Idles.Count == 0)
        {
            return;
        }

        md.AppendLine("| bot | idle open conversations | errors | opened in (s) | resident with the first ones open (MB) | resident with all open (MB) | peak resident (MB) | KB per idle conversation | within 1 GiB |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results.Idles)
        {
            var count = r.GetProperty("idleConversations").GetInt32();
            var rss = r.GetProperty("rssMb").GetDouble();
            var first = r.TryGetProperty("firstConversations", out var f) ? f.GetInt32() : 0;
            var atFirst = r.TryGetProperty("rssAtFirstMb", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetDouble() : (double?)null;
            var perConversation = atFirst is { } start && count > first ? ((rss - start) * 1024 / (count - first)).ToString("0.0", Invariant) : "";
            md.AppendLine($"| {r.GetProperty("label").GetString()} | {count} | {Text(r, "errors")} | {Text(r, "openingSeconds")} | "
                + $"{(atFirst is null ? "" : $"{atFirst:0} ({first:#,0})")} | {rss:0} | {Text(r, "peakRssMb")} | {perConversation} | {(rss <= 1024 ? "yes" : "**no**")} |");
        }

        md.AppendLine().AppendLine("KB per idle conversation: (resident with all open − resident with the first ones open) ÷ the conversations opened between; "
            + "the first ones (a tenth, at most 1,000) let the bot's background warm-up finish. Resident memory moves with the garbage "
            + "collector's timing, so this is an estimate; the in-memory store holds every conversation's documents by design.");
        md.AppendLine();
    }

    private static void Persisted(StringBuilder md, List<JsonElement> rows)
    {
        var persisted = rows.Where(r => r.TryGetProperty("storedBytesPerConversation", out _)).ToList();
        if (persisted.Count == 0)
        {
            return;
        }

        md.AppendLine("| storage after a full refund flow (intake, case, decision) | bytes per conversation |").AppendLine("| --- | ---: |");
        foreach (var r in persisted)
        {
            md.AppendLine($"| JSON documents (state with transcript, case) | {r.GetProperty("jsonBytesPerConversation").GetInt64()} |");
            md.AppendLine($"| as stored (Brotli) | {r.GetProperty("storedBytesPerConversation").GetInt64()} |");
            md.AppendLine($"| LiteDB file growth, {r.GetProperty("conversations").GetInt32()} conversations | {r.GetProperty("fileBytesPerConversation").GetInt64()} |");
        }

        md.AppendLine();
    }

    private static void ManyCases(StringBuilder md, List<JsonElement> rows)
    {
        var manyCases = rows.Where(r => r.TryGetProperty("followUpRoundMedianMs", out _)).ToList();
        if (manyCases.Count == 0)
        {
            return;
        }

        md.AppendLine("Many cases: the 4-turn intake in process and the follow-up round over a LiteDB file holding that many cases (1% waiting on a follow-up still to come); listing every case, as the round did before, for comparison.").AppendLine();
        md.AppendLine("| stored cases | turns | turn p50 ms | turn p99 ms | follow-up round, median ms | slowest round ms | listing every case ms | ETags remembered | managed heap MB |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in manyCases)
        {
            md.AppendLine($"| {r.GetProperty("cases").GetInt32()} | {r.GetProperty("turns").GetInt32()} | {r.GetProperty("turnP50Ms").GetDouble():0.00} | "
                + $"{r.GetProperty("turnP99Ms").GetDouble():0.00} | {r.GetProperty("followUpRoundMedianMs").GetDouble():0.00} | {r.GetProperty("followUpRoundMaxMs").GetDouble():0.00} | "
                + $"{r.GetProperty("listEveryCaseMs").GetDouble():0} | {r.GetProperty("rememberedETags").GetInt32()} | {r.GetProperty("managedHeapMB").GetDouble():0} |");
        }

        md.AppendLine();
    }

    private static void ScaleOut(StringBuilder md, List<JsonElement> rows)
    {
        foreach (var r in rows.Where(r => r.TryGetProperty("conversationsCompleted", out _)))
        {
            md.AppendLine($"Scale-out: {r.GetProperty("instances").GetInt32()} instances on one PostgreSQL, "
                + $"{r.GetProperty("concurrency").GetInt32()} concurrent conversations (intake and case, 5 turns each) spread turn by turn over both, "
                + $"the first killed with SIGKILL at {r.GetProperty("killedAtSeconds").GetDouble():0} s of {r.GetProperty("seconds").GetDouble():0} s; "
                + "unanswered turns sent again, same activity id, to the instance left.").AppendLine();
            md.AppendLine("| conversations completed | lost | cases missing | cases duplicated | turns sent again | turns/s before the kill | turns/s after |");
            md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            md.AppendLine($"| {r.GetProperty("conversationsCompleted").GetInt32()} | {r.GetProperty("conversationsLost").GetInt32()} | "
                + $"{r.GetProperty("casesMissing").GetInt32()} | {r.GetProperty("casesDuplicated").GetInt32()} | {r.GetProperty("turnsRetried").GetInt32()} | "
                + $"{r.GetProperty("turnsPerSecondBefore").GetDouble():0} | {r.GetProperty("turnsPerSecondAfter").GetDouble():0} |").AppendLine();
        }
    }

    /// <summary>A ratio as "1.23×", or empty when either side was not measured.</summary>
    public static string Ratio(double ratio) => double.IsFinite(ratio) ? ratio.ToString("0.00", Invariant) + "×" : "";

    private static string Text(JsonElement row, string field) =>
        row.TryGetProperty(field, out var value) && value.ValueKind is not JsonValueKind.Null ? value.ToString() : "";
}
