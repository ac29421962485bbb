using Microsoft.AspNetCore.StaticFiles;
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

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <param name="Site">Ignored: the site is the page's Origin (see <see cref="SiteOf"/>); kept so existing embeds still bind.</param>
    public sealed record ChatTokenRequest(string? Policy, string? Locale, string? Site);

    public sealed record ChatTokenResponse(string ConversationId, string Token, int Expires_in, string Policy, string Business, string Locale, ChatBrand Brand);

    /// <summary>
    /// The conversation's brand as the page applies it (Web Chat's <c>styleOptions</c>): the welcome line in the
    /// visitor's language, and the logo's path on the bot (null when the avatar shows initials).
    /// </summary>
    public sealed record ChatBrand(string BotName, string? Initials, string? Logo, string Accent, string Welcome);

    /// <summary>What the page shows around the chat: the business picker and its list only in demo mode.</summary>
    public sealed record ChatPageSettings(bool DemoMode, IReadOnlyList<ChatPolicy> Policies);

    public sealed record ChatPolicy(string Id, string Business);

    public static IEndpointRouteBuilder MapChatPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ServePage);
        app.MapGet("/chat", ServePage);
        app.MapPost("/api/chat/token", IssueTokenAsync).RequireCors(DirectLineApi.CorsPolicy).DisableAntiforgery()
            .RequireRateLimiting(RateLimits.PageConversations);
        app.MapGet("/api/chat/page", PageSettings);
        app.MapGet("/api/chat/policies", (PolicyCatalog catalog, IOptions<ChatPageOptions> page) =>
            page.Value.DemoMode ? Results.Ok(PoliciesOf(catalog)) : Results.NotFound());
        app.MapGet("/api/chat/brand/{policy}/logo", Logo);
        return app;
    }

    private static ChatPageSettings PageSettings(PolicyCatalog catalog, IOptions<ChatPageOptions> page) =>
        new(page.Value.DemoMode, page.Value.DemoMode ? PoliciesOf(catalog) : []);

    private static List<ChatPolicy> PoliciesOf(PolicyCatalog catalog) => catalog.All.Select(p => new ChatPolicy(p.Id, p.Business)).ToList();

    /// <summary>A business's logo: only the file its brand.yaml names (validated at start), never another path.</summary>
    private static IResult Logo(string policy, PolicyCatalog catalog, BrandCatalog brands)
    {
        if (catalog.Find(policy) is null || brands.Get(policy).LogoPath is not { } path)
        {
            return Results.NotFound();
        }

        return ContentTypes.TryGetContentType(path, out var type) ? Results.File(path, type) : Results.NotFound();
    }

    internal static ChatBrand BrandFor(BrandCatalog brands, string policyId, string locale)
    {
        var brand = brands.Get(policyId).Brand;
        var language = locale.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "fr" : "en";
        var logo = brand.Logo is null ? null : $"/api/chat/brand/{Uri.EscapeDataString(policyId)}/logo";
        return new ChatBrand(brand.BotName, brand.Initials, logo, brand.Accent, brand.Welcome.In(language));
    }

    private static IResult ServePage(IWebHostEnvironment environment) =>
        Results.File(Path.Combine(environment.WebRootPath, "chat.html"), "text/html; charset=utf-8");

    /// <summary>
    /// A new conversation for the page, with the site's policy and the visitor's language set on it, started at once:
    /// the page connects as soon as it has the token, so the greeting turn runs now and stores the conversation with
    /// the greeting in one write (<see cref="DirectLineStartDelivery"/>); the token is answered once it is stored.
    /// </summary>
    private static async Task<IResult> IssueTokenAsync(
        ChatTokenRequest? request, HttpRequest http, PolicySelector policies, DirectLineConversations conversations, DirectLineTokens tokens,
        TurnQueue turns, DirectLineDelivery delivery, ConversationRateLimiter limiter, IOptions<DirectLineOptions> directLine,
        BrandCatalog brands, TimeProvider clock)
    {
        var site = SiteOf(http, directLine.Value);
        if (limiter.NewConversationRefusal(site ?? OwnPage) is { } tooMany)
        {
            return tooMany;
        }

        var policy = policies.Choose(request?.Policy, site, tenant: null);
        var locale = string.IsNullOrWhiteSpace(request?.Locale) ? "en-US" : request.Locale;
        var conversation = conversations.Begin(userId: null, policy.Id, locale, site, clock.GetUtcNow());
        var start = new DirectLineStartDelivery(conversations, delivery, conversation);
        return await turns.AnswerAsync(DirectLineApi.ConversationUpdate(conversation, clock.GetUtcNow()), start, async () =>
        {
            await start.StoreAsync();
            return Results.Ok(new ChatTokenResponse(conversation.Id, tokens.Issue(conversation.Id, null), tokens.SecondsLeft(null),
                policy.Id, policy.Business, locale, BrandFor(brands, policy.Id, locale)));
        });
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
