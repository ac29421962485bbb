using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.BotConnector;

/// <summary>
/// Talks to a Bot Connector serviceUrl (Teams, the Emulator) as the Connector API defines it: replies are POSTed to
/// <c>{serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}</c> (so a reply to a channel message lands in
/// its thread), and new conversations are created with <c>POST {serviceUrl}/v3/conversations</c>. The HTTP client
/// carries the bot's token and retries 429/5xx answers with backoff, honouring Retry-After.
/// </summary>
public sealed partial class ConnectorClient(HttpClient http, ILogger<ConnectorClient> logger) : IReplyDelivery
{
    private static readonly MediaTypeHeaderValue JsonUtf8 = new("application/json") { CharSet = "utf-8" };

    public async Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            using var response = await PostAsync(ReplyUrl(reply), reply, reply.ChannelId, cancellationToken);
        }
    }

    /// <summary>Starts a conversation (a new thread in a Teams channel, or a 1:1 chat) and posts its first activity; returns its id.</summary>
    public async Task<string?> StartConversationAsync(string serviceUrl, object parameters, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(new Uri(Base(serviceUrl), "v3/conversations"), parameters, "msteams", cancellationToken);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return created.ValueKind == JsonValueKind.Object && created.TryGetProperty("id", out var id) ? id.GetString() : null;
    }

    public static Uri ReplyUrl(Activity reply)
    {
        var conversation = Uri.EscapeDataString(reply.Conversation?.Id ?? throw new InvalidOperationException("A reply needs a conversation."));
        var path = $"v3/conversations/{conversation}/activities";
        if (reply.ReplyToId is { } replyToId)
        {
            path += "/" + Uri.EscapeDataString(replyToId);
        }

        return new Uri(Base(reply.ServiceUrl ?? throw new InvalidOperationException("A reply needs a serviceUrl.")), path);
    }

    private async Task<HttpResponseMessage> PostAsync(Uri url, object body, string? channelId, CancellationToken cancellationToken)
    {
        // Buffered, so the request carries a Content-Length: some connectors refuse chunked bodies.
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, ActivityJson.Options));
        content.Headers.ContentType = JsonUtf8;
        var response = await http.PostAsync(url, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            LogRejected(logger, channelId, (int)response.StatusCode);
            response.Dispose();
            response.EnsureSuccessStatusCode();
        }

        return response;
    }

    private static Uri Base(string serviceUrl) => new(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/");

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {ChannelId} connector refused a request with status {Status}")]
    private static partial void LogRejected(ILogger logger, string? channelId, int status);
}
