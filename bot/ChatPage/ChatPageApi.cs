using Microsoft.Extensions.Options;
using RefundBot.Bot.Channels.DirectLine;
using RefundBot.Bot.Hosting;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.ChatPage;

/// <summary>
/// The website channel's page: the support chat at <c>/</c> and <c>/chat?policy=...&amp;locale=...</c>, and the small
/// endpoint it gets its Direct Line token from, so the Direct Line secret never reaches the browser.
/// </summary>
public static class ChatPageApi
{
    /// <summary>The per-site key of conversations from the bot's own chat page (or a client that names no origin).</summary>
    public const string OwnPage = "chat-page";

    /// <param name="Site">Ignored: the site is the page's Origin (see <see cref="SiteOf"/>); kept so existing embeds still bind.</param>
    public sealed record ChatTokenRequest(string? Policy, string? Locale, string? Site);

    public sealed record ChatTokenResponse(string ConversationId, string Token, int Expires_in, string Policy, string Business, string Locale);

    public static IEndpointRouteBuilder MapChatPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ServePage);
        app.MapGet("/chat", ServePage);
        app.MapPost("/api/chat/token", IssueTokenAsync).RequireCors(DirectLineApi.CorsPolicy).DisableAntiforgery()
            .RequireRateLimiting(RateLimits.PageConversations);
        app.MapGet("/api/chat/policies", (PolicyCatalog catalog) => catalog.All.Select(p => new { p.Id, p.Business }));
        return app;
    }

    private static IResult ServePage(IWebHostEnvironment environment) =>
        Results.File(Path.Combine(environment.WebRootPath, "chat.html"), "text/html; charset=utf-8");

    /// <summary>A new conversation for the page, with the site's policy and the visitor's language set on it.</summary>
    private static async Task<IResult> IssueTokenAsync(
        ChatTokenRequest? request, HttpRequest http, PolicySelector policies, DirectLineConversations conversations, DirectLineTokens tokens,
        ConversationRateLimiter limiter, IOptions<DirectLineOptions> directLine, TimeProvider clock)
    {
        var site = SiteOf(http, directLine.Value);
        if (limiter.NewConversationRefusal(site ?? OwnPage) is { } tooMany)
        {
            return tooMany;
        }

        var policy = policies.Choose(request?.Policy, site, tenant: null);
        var locale = string.IsNullOrWhiteSpace(request?.Locale) ? "en-US" : request.Locale;
        var conversation = await conversations.CreateAsync(userId: null, policy.Id, locale, site, clock.GetUtcNow());
        return Results.Ok(new ChatTokenResponse(conversation.Id, tokens.Issue(conversation.Id, null), tokens.SecondsLeft(null),
            policy.Id, policy.Business, locale));
    }

    /// <summary>
    /// The site a token is for (the key of Policies:Sites): the host of the page's <c>Origin</c>, when that origin may
    /// call the bot (DirectLine:AllowedOrigins, or the bot's own origin); else null, the bot's own chat page. The
    /// <c>site</c> a body names is never believed: a page on one business's site could otherwise claim another's
    /// policy. (The embed snippet sends <c>location.hostname</c>, which is its Origin's host anyway.)
    /// </summary>
    internal static string? SiteOf(HttpRequest request, DirectLineOptions options)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || !Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return RequestOrigin.IsListed(options.AllowedOrigins, origin) || RequestOrigin.IsOwn(request, origin) ? uri.Host : null;
    }
}
