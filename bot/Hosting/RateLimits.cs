using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RefundBot.Bot.Channels.DirectLine;

namespace RefundBot.Bot.Hosting;

/// <summary>How fast one client and one conversation may send ("RateLimits" section; 0 turns a limit off).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Messages one conversation may send in a minute, on any channel; a person types far fewer.</summary>
    public int MessagesPerConversationPerMinute { get; set; } = 60;

    /// <summary>Requests one client address may make in a minute to the channel endpoints.</summary>
    public int RequestsPerClientPerMinute { get; set; } = 1200;

    /// <summary>
    /// New conversations one client address may ask for in a minute (<c>/api/chat/token</c>, Direct Line's
    /// <c>/conversations</c> and <c>/tokens/generate</c>); a page load takes one. Requests with the Direct Line secret
    /// come from the business's own server, for all its visitors, and are counted per site instead.
    /// </summary>
    public int ConversationsPerClientPerMinute { get; set; } = 20;

    /// <summary>
    /// New conversations one site may start in a minute: the site of the page (its Origin) for <c>/api/chat/token</c>,
    /// the holder of the Direct Line secret for Direct Line's own calls.
    /// </summary>
    public int ConversationsPerSitePerMinute { get; set; } = 300;

    /// <summary>Reads (activity log, reconnect, stream) one client address may make in a minute.</summary>
    public int ReadsPerClientPerMinute { get; set; } = 600;

    /// <summary>Reads of one conversation in a minute; Web Chat's polling mode reads once a second.</summary>
    public int ReadsPerConversationPerMinute { get; set; } = 120;

    /// <summary>Questions one client address may put to <c>/api/answer</c> in a minute: each may be a paid LLM call.</summary>
    public int AnswersPerClientPerMinute { get; set; } = 30;

    /// <summary>Requests one client address may make in a minute to the other APIs (<c>/api/eligibility</c>, privacy).</summary>
    public int ApiRequestsPerClientPerMinute { get; set; } = 120;
}

/// <summary>
/// Rate limits on the channel endpoints, with ASP.NET Core's rate limiter: per client address (policies on the
/// endpoints) and per conversation or site (<see cref="ConversationRateLimiter"/>, checked once the request says which).
/// Past a limit the answer is 429 with <c>Retry-After</c> and a ProblemDetails body.
/// </summary>
public static class RateLimits
{
    public const string PerClient = "per-client";

    /// <summary>Direct Line's endpoints that start conversations: <see cref="RateLimitOptions.ConversationsPerClientPerMinute"/>.</summary>
    public const string NewConversations = "new-conversations";

    /// <summary>
    /// The chat page's token endpoint: <see cref="RateLimitOptions.ConversationsPerClientPerMinute"/> per address, whatever
    /// credential comes along (it reads none).
    /// </summary>
    public const string PageConversations = "page-conversations";

    /// <summary>Endpoints that read a conversation: <see cref="RateLimitOptions.ReadsPerClientPerMinute"/>.</summary>
    public const string Reads = "reads";

    /// <summary>The policy question API: <see cref="RateLimitOptions.AnswersPerClientPerMinute"/>.</summary>
    public const string Answers = "answers";

    /// <summary>The other APIs (eligibility, privacy): <see cref="RateLimitOptions.ApiRequestsPerClientPerMinute"/>.</summary>
    public const string Api = "api";

    public const int RetryAfterSeconds = 60;

    public static IServiceCollection AddChannelRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        var settings = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton<ConversationRateLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, cancellationToken) => new ValueTask(TooManyRequests().ExecuteAsync(context.HttpContext));
            limiter.AddPolicy(PerClient, context => PerAddress(context, "requests", settings.RequestsPerClientPerMinute));
            limiter.AddPolicy(Reads, context => PerAddress(context, "reads", settings.ReadsPerClientPerMinute));
            limiter.AddPolicy(NewConversations, context => NewConversationPartition(context, settings));
            limiter.AddPolicy(PageConversations, context => PerAddress(context, "conversations", settings.ConversationsPerClientPerMinute));
            limiter.AddPolicy(Answers, context => PerAddress(context, "answers", settings.AnswersPerClientPerMinute));
            limiter.AddPolicy(Api, context => PerAddress(context, "api", settings.ApiRequestsPerClientPerMinute));
        });
        return services;
    }

    /// <summary>
    /// The Direct Line secret's holder (the business's server) is limited per site, in the handler; a conversation token
    /// (Web Chat starting the conversation it was given) starts nothing new and counts as an ordinary request.
    /// </summary>
    private static RateLimitPartition<string> NewConversationPartition(HttpContext context, RateLimitOptions settings)
    {
        var credential = DirectLineTokens.Bearer(context.Request);
        if (credential is null)
        {
            return PerAddress(context, "conversations", settings.ConversationsPerClientPerMinute);
        }

        return context.RequestServices.GetRequiredService<DirectLineTokens>().IsSecret(credential)
            ? RateLimitPartition.GetNoLimiter("secret")
            : PerAddress(context, "requests", settings.RequestsPerClientPerMinute);
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, string kind, int perMinute) => perMinute <= 0
        ? RateLimitPartition.GetNoLimiter("off")
        : RateLimitPartition.GetFixedWindowLimiter($"{kind}:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });

    /// <summary>429, <c>Retry-After</c>, and a ProblemDetails body that says why.</summary>
    public static IResult TooManyRequests() => new RetryLater();

    private sealed class RetryLater : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"Please wait {RetryAfterSeconds} seconds before sending more.").ExecuteAsync(httpContext);
        }
    }
}

/// <summary>
/// Limits that depend on what the request is about, so they are checked in the handler once it is known: activities
/// sent per conversation, reads per conversation, and new conversations per site, each per minute.
/// </summary>
public sealed class ConversationRateLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly KeyedLimit _messages = new(() => options.Value.MessagesPerConversationPerMinute);
    private readonly KeyedLimit _reads = new(() => options.Value.ReadsPerConversationPerMinute);
    private readonly KeyedLimit _sites = new(() => options.Value.ConversationsPerSitePerMinute);

    /// <returns>The 429 answer when the conversation has sent too much this minute, else null.</returns>
    public IResult? Refusal(string conversationKey) => _messages.Refusal(conversationKey);

    /// <returns>The 429 answer when the conversation has been read too often this minute, else null.</returns>
    public IResult? ReadRefusal(string conversationKey) => _reads.Refusal(conversationKey);

    /// <returns>The 429 answer when the site has started too many conversations this minute, else null.</returns>
    public IResult? NewConversationRefusal(string site) => _sites.Refusal(site);

    public void Dispose()
    {
        _messages.Dispose();
        _reads.Dispose();
        _sites.Dispose();
    }

    /// <summary>A fixed one-minute window per key; a limit of 0 turns it off.</summary>
    private sealed class KeyedLimit(Func<int> perMinute) : IDisposable
    {
        private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, perMinute()),
                Window = TimeSpan.FromMinutes(1),
            }));

        public IResult? Refusal(string key)
        {
            if (perMinute() <= 0)
            {
                return null;
            }

            using var lease = _limiter.AttemptAcquire(key);
            return lease.IsAcquired ? null : RateLimits.TooManyRequests();
        }

        public void Dispose() => _limiter.Dispose();
    }
}
