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
/// stream. N conversations run at once for a fixed time. The driver shares the machine's cores with the bot, so it
/// stays as light as the Emulator side (<see cref="EmulatorChannel"/>): each post is written once as UTF-8 bytes, and
/// a stream message is searched as bytes for the expected reply rather than parsed (the customer's own echoed
/// messages never contain an expected reply's text).
/// </summary>
internal static class DirectLineLoad
{
    private static readonly string[] Inputs = ["hi", "A-1234", "yesterday", "it doesn't work"];
    private static readonly string[] Expected = ["What is your order ID?", "When did you buy it?", "Why would you like a refund?", "Here is your request:"];
    private static readonly byte[][] ExpectedBytes = [.. Expected.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] Posts = [.. Inputs.Select(input => JsonSerializer.SerializeToUtf8Bytes(
        new { type = "message", from = new { id = "bench-user" }, locale = "en-US", text = input }))];
    private static readonly MediaTypeHeaderValue Json = new("application/json");

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
            using var content = new ByteArrayContent(Posts[step]);
            content.Headers.ContentType = Json;
            using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversation}/activities") { Content = content };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using (var posted = await http.SendAsync(post))
            {
                posted.EnsureSuccessStatusCode();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while ((await replies.Reader.ReadAsync(timeout.Token)).AsSpan().IndexOf(ExpectedBytes[step]) < 0)
            {
            }

            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    /// <summary>The stream's messages as they arrive, each a set of activities as UTF-8 bytes (searched, not parsed).</summary>
    private static System.Threading.Channels.Channel<byte[]> Channel(ClientWebSocket socket)
    {
        var messages = System.Threading.Channels.Channel.CreateUnbounded<byte[]>(new() { SingleReader = true, SingleWriter = true });
        _ = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            var message = new MemoryStream();
            while (socket.State == WebSocketState.Open)
            {
                ValueWebSocketReceiveResult received;
                try
                {
                    received = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
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
                    messages.Writer.TryWrite(message.ToArray());
                }

                message.SetLength(0);
            }

            messages.Writer.TryComplete();
        });
        return messages;
    }
}
