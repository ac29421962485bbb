using System.Text;
using System.Text.Json;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.BotConnector;

/// <summary>
/// Push delivery, as the Bot Connector and the Emulator expect: each reply is POSTed to
/// <c>{serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}</c>.
/// </summary>
public sealed partial class ConnectorReplyDelivery(HttpClient http, ILogger<ConnectorReplyDelivery> logger) : IReplyDelivery
{
    public async Task DeliverAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            // Buffered, so the request carries a Content-Length: some connectors refuse chunked bodies.
            using var content = new StringContent(JsonSerializer.Serialize(reply, ActivityJson.Options), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(ReplyUrl(reply), content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogRejected(logger, reply.ChannelId, (int)response.StatusCode);
                response.EnsureSuccessStatusCode();
            }
        }
    }

    public static Uri ReplyUrl(Activity reply)
    {
        var conversation = Uri.EscapeDataString(reply.Conversation?.Id ?? throw new InvalidOperationException("A reply needs a conversation."));
        var path = $"v3/conversations/{conversation}/activities";
        if (reply.ReplyToId is { } replyToId)
        {
            path += "/" + Uri.EscapeDataString(replyToId);
        }

        var serviceUrl = reply.ServiceUrl ?? throw new InvalidOperationException("A reply needs a serviceUrl.");
        return new Uri(new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/"), path);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {ChannelId} connector refused a reply with status {Status}")]
    private static partial void LogRejected(ILogger logger, string? channelId, int status);
}
