using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

// The load driver for bench/run: plays the Bot Framework Emulator against any bot's /api/messages. It posts
// activities with its own loopback serviceUrl, receives every reply, and times each turn from the request sent to the
// reply that carries the expected step. N conversations run concurrently for a fixed time; each does the 4-turn
// refund intake (order ID → purchase date → reason → summary) and starts over.
//   dotnet run -c Release --project bench/RefundBot.LoadDriver -- --target http://127.0.0.1:3978/api/messages
//       --concurrency 32 --seconds 20 [--pid <bot pid>] [--label name]
// Other modes: --launch "<command starting the bot>" (cold start to first reply, the driver already warm; prints the
// bot's pid), --idle N (N open conversations, then the bot's resident memory), --directline <bot base URL> (the same
// intake through Direct Line: POST the activity, receive the reply on the WebSocket stream), --failover URL_A,URL_B
// --pid <A's pid> --kill-at S --postgres <connection string> (two instances, A killed mid-run; see FailoverLoad),
// --directline ... --stalled N (the same, beside N deliveries pending to a serviceUrl that never answers; see
// StalledDeliveries), --report (RESULTS.md and its dated copy, see Report), --free-ports N (N ports free on loopback),
// --record-scenario NAME --status done|failed ... (a scenario's outcome as a JSON line, see ScenarioRecord).
if (args.Contains("--report"))
{
    Report.Write(args);
    return;
}

if (args.Contains("--free-ports"))
{
    Console.WriteLine(string.Join(' ', FreePorts.Take(int.Parse(args[Array.IndexOf(args, "--free-ports") + 1], System.Globalization.CultureInfo.InvariantCulture))));
    return;
}

if (args.Contains("--record-scenario"))
{
    Console.WriteLine(ScenarioRecord.Json(args));
    return;
}

var options = Options.Parse(args);
if (options.DirectLineBase is { } directLineBase)
{
    await using var stalled = options.Stalled > 0 ? await StalledDeliveries.StartAsync(directLineBase, options.Stalled) : null;
    Console.WriteLine(await DirectLineLoad.RunAsync(directLineBase, options));
    return;
}

await using var channel = await EmulatorChannel.StartAsync();

if (options.Failover is { } instances)
{
    Console.WriteLine(await FailoverLoad.RunAsync(instances.Split(','), options.Pid!.Value, options.KillAt, options.Seconds, options.Concurrency,
        options.Postgres!, channel));
    return;
}

string[] inputs = ["hi", "A-1234", "yesterday", "it doesn't work"];
string[] expected = ["What is your order ID?", "When did you buy it?", "Why would you like a refund?", "Here is your request:"];

if (options.Launch is { } command)
{
    var launched = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    var bot = Process.Start(new ProcessStartInfo("bash", ["-c", command + " & echo $!"]) { RedirectStandardOutput = true })!;
    var botPid = int.Parse((await bot.StandardOutput.ReadLineAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    while (true)
    {
        try
        {
            await TurnAsync("cold-" + Guid.NewGuid().ToString("N"), 0);
            Console.WriteLine(JsonSerializer.Serialize(new { label = options.Label, pid = botPid, coldStartMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - launched }));
            return;
        }
        catch (Exception) when (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - launched < 60_000)
        {
            await Task.Delay(20);
        }
        catch (Exception)
        {
            // No reply within a minute: the bot is stopped here, since bench/run never learns its pid.
            try
            {
                Process.GetProcessById(botPid).Kill();
            }
            catch (ArgumentException)
            {
                // it has exited already
            }

            throw;
        }
    }
}

if (options.Idle is { } idle)
{
    // N conversations, each left open after its first turn, opened 64 at a time unless --concurrency says otherwise.
    // The bot's resident memory is read once a tenth of them (at most 1,000) are open and it has settled (its
    // background warm-up over), then again 5 s after the last: the difference, per conversation, is what one costs.
    var parallel = args.Contains("--concurrency") ? options.Concurrency : 64;
    var first = Math.Min(1_000, idle / 10);
    var opening = Stopwatch.StartNew();
    var failed = await OpenIdleAsync(first, parallel);
    await Task.Delay(TimeSpan.FromSeconds(5));
    var rssAtFirst = RssMb(options.Pid!.Value, "VmRSS:");
    failed += await OpenIdleAsync(idle - first, parallel);
    var openingSeconds = opening.Elapsed.TotalSeconds - 5;
    await Task.Delay(TimeSpan.FromSeconds(5));
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        label = options.Label, idleConversations = idle - failed, errors = failed, openingSeconds = Math.Round(openingSeconds, 1),
        firstConversations = first, rssAtFirstMb = rssAtFirst, rssMb = RssMb(options.Pid!.Value, "VmRSS:"), peakRssMb = RssMb(options.Pid!.Value, "VmHWM:"),
    }));
    return;
}

var latencies = new ConcurrentBag<double>();
var errors = 0;
var cpuBefore = options.Pid is { } measured ? CpuMs(measured) : 0;
var deadline = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
{
    while (deadline.Elapsed.TotalSeconds < options.Seconds)
    {
        var conversation = Guid.NewGuid().ToString("N");
        for (var step = 0; step < inputs.Length && deadline.Elapsed.TotalSeconds < options.Seconds; step++)
        {
            try
            {
                latencies.Add(await TurnAsync(conversation, step));
            }
            catch (Exception)
            {
                Interlocked.Increment(ref errors);
                break;
            }
        }
    }
})));
Console.WriteLine(LoadSummary.Json(options, deadline.Elapsed.TotalSeconds, latencies, errors, options.Pid is { } pid ? RssMb(pid, "VmHWM:") : null,
    options.Pid is { } measuredPid ? (CpuMs(measuredPid) - cpuBefore) / Math.Max(1, latencies.Count) : null));

// Opens that many conversations (their first turn each), so many at a time; returns how many failed.
async Task<int> OpenIdleAsync(int count, int parallel)
{
    var opened = 0;
    var failed = 0;
    await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
    {
        while (Interlocked.Increment(ref opened) <= count)
        {
            try
            {
                await TurnAsync("idle-" + Guid.NewGuid().ToString("N"), 0);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failed);
            }
        }
    })));
    return failed;
}

async Task<double> TurnAsync(string conversation, int step)
{
    var watch = Stopwatch.StartNew();
    await channel.SendAsync(options.Target, conversation, Guid.NewGuid().ToString("N"), inputs[step], expected[step], TimeSpan.FromSeconds(10));
    return watch.Elapsed.TotalMilliseconds;
}

// The process's CPU time so far (user + system), in milliseconds, from /proc/<pid>/stat (fields 14 and 15, in clock ticks).
static double CpuMs(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture))
        * 1000.0 / 100; // USER_HZ is 100 on Linux
}

static double? RssMb(int pid, string field)
{
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
    return line is null ? null : Math.Round(double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024, 1);
}

/// <summary>One load run as a JSON line: turns/s, latency percentiles, errors, the bot's peak memory.</summary>
internal static class LoadSummary
{
    public static string Json(Options options, double elapsed, IEnumerable<double> latencies, int errors, double? peakRssMb, double? botCpuMsPerTurn = null)
    {
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return JsonSerializer.Serialize(new
        {
            label = options.Label,
            concurrency = options.Concurrency,
            seconds = Math.Round(elapsed, 1),
            turns = sorted.Length,
            turnsPerSecond = Math.Round(sorted.Length / elapsed, 1),
            p50Ms = Math.Round(Percentile(0.50), 2),
            p95Ms = Math.Round(Percentile(0.95), 2),
            p99Ms = Math.Round(Percentile(0.99), 2),
            errors,
            peakRssMb,
            botCpuMsPerTurn = botCpuMsPerTurn is { } cpu ? Math.Round(cpu, 3) : (double?)null,
        });
    }
}

internal sealed record Options(
    string Target, int Concurrency, double Seconds, int? Pid, string Label, string? Launch, int? Idle, string? DirectLineBase,
    string? Failover, double KillAt, string? Postgres, int Stalled)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Options(
            Get("--target") ?? "http://127.0.0.1:3978/api/messages",
            int.Parse(Get("--concurrency") ?? "1", System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(Get("--seconds") ?? "20", System.Globalization.CultureInfo.InvariantCulture),
            Get("--pid") is { } pid ? int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture) : null,
            Get("--label") ?? "bot",
            Get("--launch"),
            Get("--idle") is { } idle ? int.Parse(idle, System.Globalization.CultureInfo.InvariantCulture) : null,
            Get("--directline"),
            Get("--failover"),
            double.Parse(Get("--kill-at") ?? "10", System.Globalization.CultureInfo.InvariantCulture),
            Get("--postgres"),
            int.Parse(Get("--stalled") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
    }
}
