using Microsoft.Extensions.Options;
using RefundBot.Bot.Hosting;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.BotConnector;

/// <summary>
/// <c>POST /api/messages</c>, the Bot Framework messaging endpoint: authenticate, handle the turn (its replies are
/// posted to the activity's serviceUrl), then answer 202. A channel that gets no answer retries the same activity id.
/// </summary>
public static partial class BotMessagesApi
{
    private const string Title = "Invalid activity";

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", PostActivityAsync).DisableAntiforgery().RequireRateLimiting(RateLimits.PerClient)
            .WithChannelBodyLimit(app);
        return app;
    }

    private static async Task<IResult> PostActivityAsync(
        HttpRequest request,
        BotConnectorAuthenticator authenticator,
        ServiceUrlPolicy serviceUrls,
        IOptions<BotConnectorOptions> connector,
        TurnQueue turns,
        ConnectorClient delivery,
        ChannelAttachmentReceiver files,
        ConversationRateLimiter limiter,
        IOptions<RefundBotOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (activity, problem) = await ReadActivityAsync(request, cancellationToken);
        if (activity is null)
        {
            return problem!;
        }

        if (await authenticator.RejectionAsync(request.Headers.Authorization, activity, cancellationToken) is { } rejection)
        {
            LogRejected(loggers.CreateLogger(typeof(BotMessagesApi)), activity.ChannelId, rejection);
            return Results.Unauthorized();
        }

        if ((EntranceRefusal(activity, connector.Value) ?? serviceUrls.Refusal(activity.ServiceUrl)) is { } refusal)
        {
            LogRejected(loggers.CreateLogger(typeof(BotMessagesApi)), activity.ChannelId, refusal);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Activity refused", detail: refusal);
        }

        if (limiter.Refusal(StateKeys.Conversation(activity)) is { } tooMany)
        {
            return tooMany;
        }

        activity.Text = OverlongText.Truncate(activity.Text, options.Value.MaxMessageLength); // refused in words, not kept whole
        await files.ReceiveAsync(activity, cancellationToken);
        return await turns.AnswerAsync(activity, delivery, () => Results.Accepted());
    }

    private static async Task<(Activity? Activity, IResult? Problem)> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (activity, problem) = await JsonRequest.ReadAsync<Activity>(request, ActivityJson.Options, Title, cancellationToken);
        if (activity is null)
        {
            return (null, problem);
        }

        var missing = activity switch
        {
            { Type: null or "" } => "type",
            { Conversation: null } or { Conversation.Id: null or "" } => "conversation.id",
            { ChannelId: null or "" } => "channelId",
            { ServiceUrl: null or "" } => "serviceUrl",
            _ => null,
        };
        return missing is null ? (activity, null) : (null, JsonRequest.Problem(Title, $"The activity has no {missing}."));
    }

    /// <summary>
    /// A conversation is reached only through the entrance of its channel. Web Chat's through the bot's own Direct Line,
    /// Teams' through the Bot Connector: here, those channel ids come only with a Bot Connector token whose key is
    /// endorsed for them (<see cref="BotConnectorAuthenticator.ChannelsNeedingEndorsement"/>; Azure's own Web Chat and
    /// Direct Line channels send such tokens). Without an app id nobody vouches for them, so they are refused: else a
    /// caller could name a Web Chat customer's conversation, move it, and receive its replies.
    /// </summary>
    private static string? EntranceRefusal(Activity activity, BotConnectorOptions options) =>
        !options.AuthenticationEnabled && BotConnectorAuthenticator.ChannelsNeedingEndorsement.Contains(activity.ChannelId ?? "")
            ? $"{activity.ChannelId} activities come through their own channel, or with a Bot Connector token; this bot has no app id."
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {ChannelId} activity: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? channelId, string reason);
}
