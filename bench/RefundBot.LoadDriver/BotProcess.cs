using System.Globalization;

/// <summary>What /proc tells of the measured bot's process: its CPU time and memory (the Direct Line mode's figures).</summary>
internal static class BotProcess
{
    /// <summary>The process's CPU time so far (user + system), in milliseconds, from /proc/&lt;pid&gt;/stat (fields 14 and 15, in clock ticks).</summary>
    public static double CpuMs(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture))
            * 1000.0 / 100; // USER_HZ is 100 on Linux
    }

    /// <summary>A memory figure of /proc/&lt;pid&gt;/status (VmHWM: the peak resident set), in MB.</summary>
    public static double? RssMb(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? null : Math.Round(double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024, 1);
    }
}
