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
    /// A conversation is reached only through the entrance of its channel: Direct Line's (Web Chat) through Direct Line,
    /// and Teams' with a Bot Connector token (whose key the authenticator requires to be endorsed for Teams). Otherwise
    /// a caller could name a Web Chat customer's conversation here, move it, and receive its replies.
    /// </summary>
    private static string? EntranceRefusal(Activity activity, BotConnectorOptions options) => activity.ChannelId switch
    {
        "directline" or "webchat" => "Direct Line conversations are reached through Direct Line only.",
        "msteams" when !options.AuthenticationEnabled => "Teams activities need a Bot Connector token; this bot has no app id.",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {ChannelId} activity: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? channelId, string reason);
}
