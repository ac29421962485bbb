using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RefundBot.Bot.Hosting;

/// <summary>How fast one client and one conversation may send ("RateLimits" section; 0 turns a limit off).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Messages one conversation may send in a minute, on any channel; a person types far fewer.</summary>
    public int MessagesPerConversationPerMinute { get; set; } = 60;

    /// <summary>Requests one client address may make in a minute to the channel endpoints.</summary>
    public int RequestsPerClientPerMinute { get; set; } = 1200;
}

/// <summary>
/// Rate limits on the channel endpoints, with ASP.NET Core's rate limiter: per client address (a policy on the
/// endpoints) and per conversation (<see cref="ConversationRateLimiter"/>, checked once the activity is read). Past a
/// limit the answer is 429 with <c>Retry-After</c> and a ProblemDetails body.
/// </summary>
public static class RateLimits
{
    public const string PerClient = "per-client";
    public const int RetryAfterSeconds = 60;

    public static IServiceCollection AddChannelRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        var perClient = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>()?.RequestsPerClientPerMinute
            ?? new RateLimitOptions().RequestsPerClientPerMinute;
        services.AddSingleton<ConversationRateLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, cancellationToken) => new ValueTask(TooManyRequests().ExecuteAsync(context.HttpContext));
            limiter.AddPolicy(PerClient, context => perClient <= 0
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perClient, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }

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

/// <summary>At most <see cref="RateLimitOptions.MessagesPerConversationPerMinute"/> activities per conversation and minute.</summary>
public sealed class ConversationRateLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(conversation =>
        RateLimitPartition.GetFixedWindowLimiter(conversation, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.MessagesPerConversationPerMinute),
            Window = TimeSpan.FromMinutes(1),
        }));

    /// <returns>The 429 answer when the conversation has sent too much this minute, else null.</returns>
    public IResult? Refusal(string conversationKey)
    {
        if (options.Value.MessagesPerConversationPerMinute <= 0)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(conversationKey);
        return lease.IsAcquired ? null : RateLimits.TooManyRequests();
    }

    public void Dispose() => _limiter.Dispose();
}
