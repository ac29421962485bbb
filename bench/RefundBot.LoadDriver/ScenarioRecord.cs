using System.Text.Json;

/// <summary>
/// One scenario's outcome as a JSON line for the report (bench/run writes it after each scenario): its name, done or
/// failed, how long it ran, and for a failure the exit code, the script's line and command that failed, and the end of
/// its output.
/// </summary>
internal static class ScenarioRecord
{
    public static string Json(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return JsonSerializer.Serialize(new
        {
            scenario = Get("--record-scenario"),
            status = Get("--status"),
            seconds = int.Parse(Get("--seconds") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            exitCode = Get("--exit-code") is { } code ? int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) : (int?)null,
            line = Get("--line") is { Length: > 0 } line ? line : null,
            failedCommand = Get("--failed-command") is { Length: > 0 } command ? command : null,
            output = Get("--output") is { Length: > 0 } output ? output : null,
        });
    }
}
