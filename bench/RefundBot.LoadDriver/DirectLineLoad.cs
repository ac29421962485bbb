using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

/// <summary>
/// The 4-turn intake through Direct Line, as Web Chat does it: a token from the chat page's endpoint, a conversation
/// started with it, the WebSocket stream opened, then each message POSTed and timed until its reply arrives on the
/// stream. N conversations run at once for a fixed time.
/// </summary>
internal static class DirectLineLoad
{
    private static readonly string[] Inputs = ["hi", "A-1234", "yesterday", "it doesn't work"];
    private static readonly string[] Expected = ["What is your order ID?", "When did you buy it?", "Why would you like a refund?", "Here is your request:"];

    public static async Task<string> RunAsync(string baseUrl, Options options)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(15) };
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var cpuBefore = options.Pid is { } measured ? BotProcess.CpuMs(measured) : 0;
        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (deadline.Elapsed.TotalSeconds < options.Seconds)
            {
                try
                {
                    await ConverseAsync(http, latencies, deadline, options.Seconds);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));

        return LoadSummary.Json(options, deadline.Elapsed.TotalSeconds, latencies, errors, options.Pid is { } pid ? BotProcess.RssMb(pid, "VmHWM:") : null,
            options.Pid is { } measuredPid ? (BotProcess.CpuMs(measuredPid) - cpuBefore) / Math.Max(1, latencies.Count) : null);
    }

    private static async Task ConverseAsync(HttpClient http, ConcurrentBag<double> latencies, Stopwatch deadline, double seconds)
    {
        var issued = await (await http.PostAsJsonAsync("/api/chat/token", new { policy = "masecurite", locale = "en-US" })).Content.ReadFromJsonAsync<JsonElement>();
        var token = issued.GetProperty("token").GetString();
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = await (await http.SendAsync(start)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var conversation = started.GetProperty("conversationId").GetString()!;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(started.GetProperty("streamUrl").GetString()!), CancellationToken.None);
        var replies = Channel(socket);
        for (var step = 0; step < Inputs.Length && deadline.Elapsed.TotalSeconds < seconds; step++)
        {
            var watch = Stopwatch.StartNew();
            using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversation}/activities")
            {
                Content = JsonContent.Create(new { type = "message", from = new { id = "bench-user" }, locale = "en-US", text = Inputs[step] }),
            };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await http.SendAsync(post)).EnsureSuccessStatusCode();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (!(await replies.Reader.ReadAsync(timeout.Token)).Contains(Expected[step], StringComparison.Ordinal))
            {
            }

            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    /// <summary>The texts of the bot's activities as the stream delivers them.</summary>
    private static System.Threading.Channels.Channel<string> Channel(ClientWebSocket socket)
    {
        var texts = System.Threading.Channels.Channel.CreateUnbounded<string>();
        _ = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            var message = new MemoryStream();
            while (socket.State == WebSocketState.Open)
            {
                WebSocketReceiveResult received;
                try
                {
                    received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                if (message.Length > 0)
                {
                    using var set = JsonDocument.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                    foreach (var activity in set.RootElement.GetProperty("activities").EnumerateArray())
                    {
                        if (activity.TryGetProperty("text", out var text) && activity.GetProperty("from").GetProperty("id").GetString() != "bench-user")
                        {
                            texts.Writer.TryWrite(text.GetString() ?? "");
                        }
                    }
                }

                message.SetLength(0);
            }

            texts.Writer.TryComplete();
        });
        return texts;
    }
}
