using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Text.Json;

/// <summary>
/// The driver's side of the Emulator protocol: it posts message activities to a bot's <c>/api/messages</c> with its own
/// loopback serviceUrl, and receives the bot's replies on that serviceUrl
/// (<c>POST /v3/conversations/{id}/activities/{replyToId}</c>). A turn is done when the reply carrying its expected step
/// arrives (<see cref="ExpectedReply"/>). The driver shares the machine's cores with the bot it measures, so it stays light: each activity is written
/// once as UTF-8 with a Content-Length, and a reply is searched as bytes rather than parsed.
/// </summary>
internal sealed class EmulatorChannel : IAsyncDisposable
{
    private static readonly byte[] ResourceResponse = """{"id":"0"}"""u8.ToArray();
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly ConcurrentDictionary<string, ExpectedReply> _waiters = new();
    private readonly WebApplication _app;
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(15) };

    private EmulatorChannel(WebApplication app) => _app = app;

    /// <summary>Where the bot sends its replies: this driver's own listener on loopback.</summary>
    public string ServiceUrl => _app.Urls.Single();

    public static async Task<EmulatorChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var channel = new EmulatorChannel(builder.Build());
        channel._app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", channel.ReceiveAsync);
        await channel._app.StartAsync();
        return channel;
    }

    /// <summary>
    /// Sends one message and waits for the reply that contains <paramref name="expected"/>. Throws when the bot refuses
    /// the activity or its reply does not come within <paramref name="timeout"/>.
    /// </summary>
    public async Task SendAsync(string target, string conversation, string activityId, string text, string expected, TimeSpan timeout)
    {
        using var reply = Expect(conversation, expected);
        await PostAsync(target, conversation, activityId, text);
        await reply.Arrived.WaitAsync(timeout);
    }

    /// <summary>Starts waiting for the conversation's reply that contains <paramref name="expected"/>, before its activity is posted.</summary>
    public ExpectedReply Expect(string conversation, string expected) => new(conversation, expected, _waiters);

    /// <summary>Posts one message; throws when the bot refuses it or does not answer.</summary>
    public async Task PostAsync(string target, string conversation, string activityId, string text)
    {
        using var content = new ByteArrayContent(Message(conversation, activityId, text));
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync(target, content);
        response.EnsureSuccessStatusCode();
    }

    private byte[] Message(string conversation, string activityId, string text)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteString("id", activityId);
            json.WriteString("text", text);
            json.WriteString("channelId", "emulator");
            json.WriteString("serviceUrl", ServiceUrl);
            json.WriteString("locale", "en-US");
            json.WriteString("timestamp", DateTimeOffset.UtcNow);
            json.WriteStartObject("from");
            json.WriteString("id", "bench-user");
            json.WriteString("role", "user");
            json.WriteEndObject();
            json.WriteStartObject("recipient");
            json.WriteString("id", "bot");
            json.WriteEndObject();
            json.WriteStartObject("conversation");
            json.WriteString("id", conversation);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task ReceiveAsync(HttpContext context, string conversationId)
    {
        var body = await ReadToEndAsync(context.Request.BodyReader);
        if (_waiters.TryGetValue(Uri.UnescapeDataString(conversationId), out var waiter))
        {
            waiter.Receive(body);
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(ResourceResponse);
    }

    private static async Task<byte[]> ReadToEndAsync(PipeReader reader)
    {
        while (true)
        {
            var read = await reader.ReadAsync();
            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }
}
