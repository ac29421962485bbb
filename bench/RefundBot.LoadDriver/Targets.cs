using System.Globalization;
using System.Text;

/// <summary>
/// Issue 28's targets, each computed from this run's figures: passed, failed, or not measured (a scenario not run, or
/// the idle scenario run with fewer than 100,000 conversations).
/// </summary>
internal static class Targets
{
    private const int IdleTarget = 100_000;
    private const double OneGibMb = 1024;

    public static void Write(StringBuilder md, Results results)
    {
        md.AppendLine("## Targets (issue 28)").AppendLine();
        md.AppendLine("| target | measured | met |").AppendLine("| --- | --- | --- |");
        foreach (var concurrency in new[] { 1, 32 })
        {
            var ratio = (results.Load("refundbot-litedb-directline", concurrency)?.TurnsPerSecond ?? double.NaN)
                / (results.Load("refundbot-litedb", concurrency)?.TurnsPerSecond ?? double.NaN);
            Row(md, $"Direct Line ≥ 0.8× `/api/messages` (LiteDB), {concurrency} conversation{(concurrency > 1 ? "s" : "")}",
                $"{Report.Ratio(ratio)}", ratio, r => r >= 0.8);
        }

        var litedb32 = results.Load("refundbot-litedb", 32);
        var times = (litedb32?.TurnsPerSecond ?? double.NaN) / results.PeerTurnsPerSecond(32);
        Row(md, "LiteDB at 32 conversations ≥ 5× the peer's turns/s", Report.Ratio(times), times, r => r >= 5);
        var p99 = (litedb32?.Mean("p99Ms") ?? double.NaN) / results.PeerP99(32);
        Row(md, "LiteDB at 32 conversations: p99 ≤ ½ the peer's", $"{litedb32?.Mean("p99Ms"):0.0} ms vs {results.PeerP99(32):0.0} ms ({Report.Ratio(p99)})", p99, r => r <= 0.5);
        var cold = results.MedianColdStartMs("refundbot-litedb") / results.PeerColdStartMs;
        Row(md, "cold start to first reply (median, LiteDB) ≤ the peer's", $"{results.MedianColdStartMs("refundbot-litedb"):0} ms vs {results.PeerColdStartMs:0} ms ({Report.Ratio(cold)})", cold, r => r <= 1);
        foreach (var idle in results.Idles)
        {
            var count = idle.GetProperty("idleConversations").GetInt32();
            var rss = idle.GetProperty("rssMb").GetDouble();
            var label = idle.GetProperty("label").GetString();
            Row(md, $"100,000 idle open conversations within 1 GiB resident ({label})",
                $"{rss.ToString("0", CultureInfo.InvariantCulture)} MB with {count:#,0}",
                count >= IdleTarget ? rss : double.NaN, r => r <= OneGibMb,
                count >= IdleTarget ? null : $"not shown: {count:#,0} conversations opened, fewer than 100,000");
        }

        if (!results.Idles.Any())
        {
            Row(md, "100,000 idle open conversations within 1 GiB resident", "", double.NaN, _ => false);
        }

        md.AppendLine();
    }

    private static void Row(StringBuilder md, string target, string measured, double value, Func<double, bool> met, string? unmet = null)
    {
        var verdict = unmet ?? (!double.IsFinite(value) ? "not measured" : met(value) ? "yes" : "**no**");
        md.AppendLine($"| {target} | {(double.IsFinite(value) || unmet is not null ? measured : "")} | {verdict} |");
    }
}
