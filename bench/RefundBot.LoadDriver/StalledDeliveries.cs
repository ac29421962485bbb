using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

/// <summary>
/// The "slow channel" scenario (--stalled N): N conversations posted to the bot's /api/messages with a loopback
/// serviceUrl that accepts connections and never answers, so N deliveries stay pending while the Direct Line load
/// runs beside them. Their posts are left waiting (a channel's request is answered once its replies are delivered).
/// </summary>
internal sealed class StalledDeliveries : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly List<Task> _posts = [];

    public static async Task<StalledDeliveries> StartAsync(string baseUrl, int count)
    {
        var stalled = new StalledDeliveries();
        stalled._listener.Start(backlog: 1024);
        _ = stalled.AcceptAsync();
        var serviceUrl = $"http://127.0.0.1:{((IPEndPoint)stalled._listener.LocalEndpoint).Port}";
        for (var i = 0; i < count; i++)
        {
            stalled._posts.Add(stalled._http.PostAsJsonAsync(baseUrl.TrimEnd('/') + "/api/messages", new
            {
                type = "message", id = "m1", text = "hello", channelId = "emulator", serviceUrl,
                from = new { id = "stalled-user" }, recipient = new { id = "bot" }, conversation = new { id = $"stalled-{i}-{Guid.NewGuid():N}" },
            }, stalled._stop.Token));
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // their turns are handled; their deliveries wait on the silent port
        return stalled;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_posts).ContinueWith(_ => { }, TaskScheduler.Default);
        _listener.Stop();
        lock (_accepted)
        {
            _accepted.ForEach(s => s.Dispose());
        }

        _http.Dispose();
    }
}
