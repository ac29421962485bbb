using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RefundBot.Bot.Hosting;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>
/// Direct Line 3.0, as Microsoft publishes it and Web Chat (DirectLineJS) uses it: tokens, conversations, activities
/// with watermarks, and the WebSocket stream. 401 without a credential, 403 for an expired token or one for another
/// conversation, 404 for an unknown (or removed) conversation. Reads are paged by watermark and rate-limited; bodies
/// are size-limited (413); a conversation's log is capped (409).
/// </summary>
public static class DirectLineApi
{
    public const string BasePath = "/v3/directline";
    public const string CorsPolicy = "DirectLine";
    public static readonly ChannelAccount Bot = new() { Id = "refundbot", Name = "RefundBot", Role = "bot" };

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        var directLine = app.MapGroup(BasePath).RequireCors(CorsPolicy).DisableAntiforgery();
        directLine.MapPost("/tokens/generate", GenerateTokenAsync).RequireRateLimiting(RateLimits.NewConversations);
        directLine.MapPost("/tokens/refresh", RefreshTokenAsync).RequireRateLimiting(RateLimits.PerClient);
        directLine.MapPost("/conversations", StartConversationAsync).RequireRateLimiting(RateLimits.NewConversations);
        directLine.MapGet("/conversations/{conversationId}", ReconnectAsync).RequireRateLimiting(RateLimits.Reads);
        directLine.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).RequireRateLimiting(RateLimits.PerClient)
            .WithChannelBodyLimit(app);
        directLine.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync).RequireRateLimiting(RateLimits.Reads);
        directLine.MapGet("/conversations/{conversationId}/stream", StreamAsync).RequireRateLimiting(RateLimits.Reads);
        return app;
    }

    public sealed record TokenRequest(ChannelAccount? User);

    public sealed record TokenResponse(string ConversationId, string Token, int Expires_in);

    public sealed record ConversationResponse(string ConversationId, string Token, int Expires_in, string StreamUrl);

    public sealed record ResourceResponse(string Id);

    /// <summary>The per-site key of conversations started with the Direct Line secret (the business's own server).</summary>
    public const string SecretSite = "directline-secret";

    private static async Task<IResult> GenerateTokenAsync(
        HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, ConversationRateLimiter limiter, TimeProvider clock)
    {
        if (await tokens.ReadAsync(DirectLineTokens.Bearer(request)) is not { IsSecret: true })
        {
            return Results.Unauthorized();
        }

        if (limiter.NewConversationRefusal(SecretSite) is { } tooMany)
        {
            return tooMany;
        }

        var body = request.ContentLength > 0 ? await TryReadAsync<TokenRequest>(request) : null;
        var conversation = await conversations.CreateAsync(body?.User?.Id, policy: null, locale: null, site: null, clock.GetUtcNow());
        return Results.Ok(TokenFor(tokens, conversation));
    }

    /// <summary>A new token for the same conversation, keeping its chain's first issue: 403 once that is too long ago.</summary>
    private static async Task<IResult> RefreshTokenAsync(HttpRequest request, DirectLineTokens tokens)
    {
        var grant = await tokens.ReadAsync(DirectLineTokens.Bearer(request));
        return grant is { IsSecret: false, ConversationId: { } id, Purpose: DirectLineGrant.ConversationPurpose } && tokens.IsRenewable(grant)
            ? Results.Ok(new TokenResponse(id, tokens.Issue(id, grant.UserId, firstIssuedAt: grant.FirstIssuedAt), tokens.SecondsLeft(grant.FirstIssuedAt)))
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> StartConversationAsync(
        HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, TurnQueue turns, DirectLineDelivery delivery,
        ConversationRateLimiter limiter, TimeProvider clock)
    {
        var grant = await tokens.ReadAsync(DirectLineTokens.Bearer(request));
        if (grant is null)
        {
            return Forbidden(request);
        }

        if (grant.IsSecret && limiter.NewConversationRefusal(SecretSite) is { } tooMany)
        {
            return tooMany;
        }

        var conversation = grant.IsSecret
            ? await conversations.CreateAsync(userId: null, policy: null, locale: null, site: null, clock.GetUtcNow())
            : await conversations.FindAsync(grant.ConversationId!);
        if (conversation is null)
        {
            return Results.NotFound();
        }

        var started = await StartAsync(conversation, conversations, turns, delivery, clock);
        var response = ConversationFor(request, tokens, conversation, grant.IsSecret ? null : grant.UserId, watermark: null, grant.FirstIssuedAt);
        return started ? Results.Json(response, statusCode: StatusCodes.Status201Created) : Results.Ok(response);
    }

    /// <summary>
    /// Greets a conversation the first time a client connects to it, whether it starts it (POST) or, as Web Chat does
    /// when it is given a conversation id, reconnects to it (GET): the bot gets one conversationUpdate per conversation.
    /// </summary>
    private static async Task<bool> StartAsync(
        DirectLineConversation conversation, DirectLineConversations conversations, TurnQueue turns, DirectLineDelivery delivery, TimeProvider clock)
    {
        if (!await conversations.TryStartAsync(conversation.Id))
        {
            return false;
        }

        _ = turns.HandleAsync(ConversationUpdate(conversation, clock.GetUtcNow()), delivery); // the greeting arrives on the stream
        return true;
    }

    private static async Task<IResult> ReconnectAsync(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations,
        TurnQueue turns, DirectLineDelivery delivery, ConversationRateLimiter limiter, TimeProvider clock)
    {
        var (grant, conversation, problem) = await AuthorizeAsync(request, conversationId, tokens, conversations);
        if ((problem ?? limiter.ReadRefusal(conversationId)) is { } refused)
        {
            return refused;
        }

        await StartAsync(conversation!, conversations, turns, delivery, clock);
        return Results.Ok(ConversationFor(request, tokens, conversation!, grant!.UserId ?? conversation!.UserId, watermark, grant.FirstIssuedAt));
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations,
        TurnQueue turns, DirectLineDelivery delivery, ConversationRateLimiter limiter, IOptions<RefundBotOptions> options,
        IOptions<DirectLineOptions> directLine, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (grant, conversation, problem) = await AuthorizeAsync(request, conversationId, tokens, conversations);
        if (problem is not null)
        {
            return problem;
        }

        if (limiter.Refusal($"directline/conversations/{conversationId}") is { } tooMany)
        {
            return tooMany;
        }

        var (activity, invalid) = await JsonRequest.ReadAsync<Activity>(request, ActivityJson.Options, "Invalid activity", cancellationToken);
        if (activity is null)
        {
            return invalid!;
        }

        if (string.IsNullOrEmpty(activity.Type) || (activity.From?.Id is null && grant!.UserId is null))
        {
            return JsonRequest.Problem("Invalid activity", "An activity needs a type and from.id.");
        }

        activity.Text = OverlongText.Truncate(activity.Text, options.Value.MaxMessageLength); // refused in words, not kept whole
        ReceivedFiles.RemoveClaims(activity); // files come through the upload, never as a client's claim
        if (await StorageRefusalAsync(activity, conversationId, conversations, directLine.Value) is { } cannotKeep)
        {
            return cannotKeep;
        }

        Stamp(activity, conversation!, grant!.UserId, clock.GetUtcNow());
        if (activity.Type == ActivityTypes.Typing)
        {
            conversations.Broadcast(conversationId, activity, watermark: "");
            return Results.Ok(new ResourceResponse(activity.Id ?? ""));
        }

        // Answered once the bot has handled it, as Microsoft's service does: a client whose post fails (the instance
        // died) sends it again, and gets what was stored the first time.
        if (await conversations.FindRepostedAsync(conversationId, activity) is { } reposted)
        {
            return await turns.AnswerAsync(reposted, delivery, () => Results.Ok(new ResourceResponse(reposted.Id!)));
        }

        // Stored by its turn's commit with the replies (one write), or on its own by a turn that commits nothing.
        var post = delivery.ForPost(conversationId, activity);
        return await turns.AnswerAsync(activity, post, async () =>
        {
            await post.StoreAsync();
            return Results.Ok(new ResourceResponse(activity.Id!));
        });
    }

    /// <summary>
    /// Why the log cannot keep the activity, or null: the conversation is full (409: start a new one), or the activity
    /// carries more data besides its text than a person's message does (413). Typing is never kept, so never refused.
    /// </summary>
    internal static async Task<IResult?> StorageRefusalAsync(
        Activity activity, string conversationId, DirectLineConversations conversations, DirectLineOptions options)
    {
        if (activity.Type == ActivityTypes.Typing)
        {
            return null;
        }

        if (await conversations.IsFullAsync(conversationId))
        {
            return JsonRequest.Problem("Conversation full",
                "This conversation has reached the most messages it can keep. Please start a new conversation.", StatusCodes.Status409Conflict);
        }

        var text = activity.Text;
        activity.Text = null;
        var dataSize = JsonSerializer.SerializeToUtf8Bytes(activity, ActivityJson.Options).Length;
        activity.Text = text;
        return options.MaxActivityDataSize > 0 && dataSize > options.MaxActivityDataSize
            ? JsonRequest.Problem("Invalid activity",
                $"Besides its text, an activity may carry at most {options.MaxActivityDataSize / 1024} KB (channelData, entities, attachments, value).",
                StatusCodes.Status413PayloadTooLarge)
            : null;
    }

    /// <summary>One page of activities after the watermark; the client follows the returned watermark for the rest.</summary>
    private static async Task<IResult> GetActivitiesAsync(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations,
        ConversationRateLimiter limiter)
    {
        var (_, _, problem) = await AuthorizeAsync(request, conversationId, tokens, conversations);
        return problem ?? limiter.ReadRefusal(conversationId)
            ?? Results.Json(await conversations.AfterAsync(conversationId, watermark), ActivityJson.Options);
    }

    /// <summary>The streamUrl: a WebSocket that first replays what came after the watermark, then pushes each new activity.</summary>
    private static async Task StreamAsync(
        string conversationId, string? t, string? watermark, HttpContext context, DirectLineTokens tokens, DirectLineConversations conversations,
        ConversationRateLimiter limiter)
    {
        var grant = await tokens.ReadAsync(t);
        if (!context.WebSockets.IsWebSocketRequest || grant is not { Purpose: DirectLineGrant.StreamPurpose } || !grant.Allows(conversationId))
        {
            context.Response.StatusCode = context.WebSockets.IsWebSocketRequest ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
            return;
        }

        if (limiter.ReadRefusal(conversationId) is { } tooMany)
        {
            await tooMany.ExecuteAsync(context);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var (feed, subscription) = conversations.Listen(conversationId);
        using (subscription)
        {
            var stopping = context.RequestAborted;
            var reading = DrainClientFramesAsync(socket, stopping);
            try
            {
                var sent = await SendBacklogAsync(socket, conversations, conversationId, watermark, stopping);
                while (!reading.IsCompleted && await feed.WaitToReadAsync(stopping).AsTask().WaitAsync(stopping))
                {
                    while (feed.TryRead(out var set))
                    {
                        sent = await SendLiveAsync(socket, conversations, conversationId, set, sent, stopping);
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // The client went away; it reconnects with its watermark.
            }
        }
    }

    /// <summary>
    /// Sends a set pushed from memory (a set's activities have consecutive numbers, its watermark the last one's), but
    /// only what the client has not had: an activity stored by another instance may be announced before the one just
    /// before it, and then the gap is read from the store, so the client never misses one. Typing (no watermark) is
    /// never stored and always sent.
    /// </summary>
    /// <returns>The watermark of the last activity sent.</returns>
    private static async Task<int> SendLiveAsync(
        WebSocket socket, DirectLineConversations conversations, string conversationId, ActivitySet set, int sent, CancellationToken cancellationToken)
    {
        if (set.Watermark.Length == 0)
        {
            await SendAsync(socket, set, cancellationToken);
            return sent;
        }

        var last = ParseWatermark(set.Watermark);
        var first = last - set.Activities.Count + 1;
        if (last <= sent)
        {
            return sent;
        }

        if (first > sent + 1)
        {
            return await SendBacklogAsync(socket, conversations, conversationId, Watermark(sent), cancellationToken);
        }

        await SendAsync(socket, first > sent ? set : new ActivitySet([.. set.Activities.Skip(sent + 1 - first)], set.Watermark), cancellationToken);
        return last;
    }

    /// <summary>
    /// Sends what the log holds after <paramref name="watermark"/>, a page per message, as the activity GET pages it.
    /// </summary>
    /// <returns>The watermark of the last activity sent.</returns>
    private static async Task<int> SendBacklogAsync(
        WebSocket socket, DirectLineConversations conversations, string conversationId, string? watermark, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await conversations.AfterAsync(conversationId, watermark);
            if (page.Activities.Count > 0)
            {
                await SendAsync(socket, page, cancellationToken);
            }

            if (!conversations.IsFullPage(page))
            {
                return ParseWatermark(page.Watermark);
            }

            watermark = page.Watermark;
        }
    }

    private static int ParseWatermark(string watermark) => int.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture);

    private static string Watermark(int sequence) => sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task DrainClientFramesAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var frame = await socket.ReceiveAsync(buffer, cancellationToken);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
    }

    private static Task SendAsync(WebSocket socket, ActivitySet set, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(set, ActivityJson.Options)), WebSocketMessageType.Text, true, cancellationToken);

    internal static async Task<(DirectLineGrant? Grant, DirectLineConversation? Conversation, IResult? Problem)> AuthorizeAsync(
        HttpRequest request, string conversationId, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var grant = await tokens.ReadAsync(DirectLineTokens.Bearer(request));
        if (grant is null)
        {
            return (null, null, Forbidden(request));
        }

        if (!grant.Allows(conversationId) || grant.Purpose != DirectLineGrant.ConversationPurpose)
        {
            return (null, null, Results.StatusCode(StatusCodes.Status403Forbidden));
        }

        var conversation = await conversations.FindAsync(conversationId);
        return conversation is null ? (null, null, Results.NotFound()) : (grant, conversation, null);
    }

    /// <summary>401 when no credential was sent at all, 403 when one was sent but is not (or no longer) valid.</summary>
    private static IResult Forbidden(HttpRequest request) =>
        DirectLineTokens.Bearer(request) is null ? Results.Unauthorized() : Results.StatusCode(StatusCodes.Status403Forbidden);

    /// <summary>What Direct Line sets on an incoming activity; channelData is passed through untouched (Web Chat's echo-back).</summary>
    internal static void Stamp(Activity activity, DirectLineConversation conversation, string? boundUser, DateTimeOffset now)
    {
        activity.ChannelId = "directline";
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.Recipient = Bot;
        activity.Timestamp = now;
        activity.ServiceUrl = null;
        activity.From ??= new ChannelAccount();
        activity.From.Id = boundUser ?? activity.From.Id;
        activity.From.Role = "user";
        activity.Locale ??= conversation.Locale;
        activity.ChannelData = WithConversationSite(activity.ChannelData, conversation);
    }

    /// <summary>
    /// The client's channelData with the conversation's own <c>site</c> (the one its token was issued for) in place of
    /// any it names: the bot chooses the policy from the first activity's site, and a client that posts before it
    /// starts the conversation could otherwise claim another site's.
    /// </summary>
    private static JsonElement? WithConversationSite(JsonElement? channelData, DirectLineConversation conversation)
    {
        if (channelData is not { ValueKind: JsonValueKind.Object } data
            || (data.TryGetProperty("site", out var site) ? site.ValueKind == JsonValueKind.String && site.GetString() == conversation.Site : conversation.Site is null))
        {
            return channelData;
        }

        var copy = System.Text.Json.Nodes.JsonObject.Create(data)!;
        copy.Remove("site");
        if (conversation.Site is { } own)
        {
            copy["site"] = own;
        }

        return JsonSerializer.SerializeToElement(copy, ActivityJson.Options);
    }

    /// <summary>The activity that starts a conversation for the bot (its greeting turn): the bot and the user join.</summary>
    internal static Activity ConversationUpdate(DirectLineConversation conversation, DateTimeOffset now)
    {
        var user = new ChannelAccount { Id = conversation.UserId ?? "dl_user", Role = "user" };
        return new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = conversation.Id + "|start",
            ChannelId = "directline",
            Conversation = new ConversationAccount { Id = conversation.Id },
            From = user,
            Recipient = Bot,
            Timestamp = now,
            Locale = conversation.Locale,
            MembersAdded = [Bot, user],
            ChannelData = JsonSerializer.SerializeToElement(new { policy = conversation.Policy, site = conversation.Site }, ActivityJson.Options),
        };
    }

    private static TokenResponse TokenFor(DirectLineTokens tokens, DirectLineConversation conversation) =>
        new(conversation.Id, tokens.Issue(conversation.Id, conversation.UserId), tokens.SecondsLeft(null));

    /// <summary>The conversation's stream URL and a token for it, renewed within the chain of <paramref name="firstIssuedAt"/>.</summary>
    private static ConversationResponse ConversationFor(
        HttpRequest request, DirectLineTokens tokens, DirectLineConversation conversation, string? userId, string? watermark, DateTimeOffset? firstIssuedAt)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var streamUrl = $"{scheme}://{request.Host}{request.PathBase}{BasePath}/conversations/{Uri.EscapeDataString(conversation.Id)}/stream"
            + $"?t={Uri.EscapeDataString(tokens.Issue(conversation.Id, userId, DirectLineGrant.StreamPurpose, firstIssuedAt))}"
            + (watermark is null ? "" : $"&watermark={Uri.EscapeDataString(watermark)}");
        return new ConversationResponse(conversation.Id, tokens.Issue(conversation.Id, userId, firstIssuedAt: firstIssuedAt),
            tokens.SecondsLeft(firstIssuedAt), streamUrl);
    }

    private static async Task<T?> TryReadAsync<T>(HttpRequest request)
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(ActivityJson.Options);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return default;
        }
    }
}
