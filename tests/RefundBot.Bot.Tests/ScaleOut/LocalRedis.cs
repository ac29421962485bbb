using System.Diagnostics;
using System.Net.Sockets;

namespace RefundBot.Bot.Tests.ScaleOut;

/// <summary>A throwaway Redis on loopback (Debian's redis-server, nothing saved to disk), for the SignalR backplane tests.</summary>
public sealed class LocalRedis : IAsyncLifetime
{
    private Process? _server;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var port = LocalPostgres.FreePort();
        var start = new ProcessStartInfo(File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _server = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("redis-server was not found: install Debian's 'redis-server' package (.ci/run does).", exception);
        }

        _server.OutputDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        ConnectionString = $"127.0.0.1:{port}";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (attempt < 100 && !_server.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public Task DisposeAsync()
    {
        _server?.Kill();
        _server?.WaitForExit(5000);
        _server?.Dispose();
        return Task.CompletedTask;
    }
}
