using System.Diagnostics;

namespace RefundBot.Bot.Tests.ScaleOut;

/// <summary>
/// The bot as a real process (the RefundBot.Bot.dll built beside the tests), so a test can kill it with SIGKILL as a
/// crash would, and start it again.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BotProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the bot on <paramref name="port"/> with <paramref name="settings"/> and waits until it is ready; from
    /// <paramref name="workingDirectory"/> when given, else from the tests' own working directory.
    /// </summary>
    public static async Task<BotProcess> StartAsync(int port, IReadOnlyDictionary<string, string> settings, string? workingDirectory = null)
    {
        var process = Launch(port, settings, workingDirectory);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, $"http://127.0.0.1:{port}");
        await bot.WaitUntilReadyAsync();
        return bot;
    }

    /// <summary>Starts the bot and waits for it to exit by itself (a refused start): its exit code and standard error.</summary>
    public static async Task<(int ExitCode, string StandardError)> RunUntilExitAsync(int port, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        using var process = Launch(port, settings, workingDirectory: null);
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var standardError = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The bot was still running after {timeout.TotalSeconds} s; it should have refused to start.");
        }

        return (process.ExitCode, await standardError);
    }

    private static Process Launch(int port, IReadOnlyDictionary<string, string> settings, string? workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RefundBot.Bot.dll"));
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        start.ArgumentList.Add("--BotConnector:AllowUnauthenticated=true"); // the tests play the Emulator, on loopback
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        return Process.Start(start)!;
    }

    /// <summary>SIGKILL: no shutdown, no flush, queued turns gone, as when a machine dies.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited at start-up with code {_process.ExitCode}.");
            }

            try
            {
                if ((await http.GetAsync(BaseUrl + "/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The bot was not ready within 30 s.");
    }
}
