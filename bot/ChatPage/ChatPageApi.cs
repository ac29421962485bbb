using RefundBot.Bot.Channels.DirectLine;
using RefundBot.Dialogs.Refund;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.ChatPage;

/// <summary>
/// The website channel's page: the support chat at <c>/</c> and <c>/chat?policy=...&amp;locale=...</c>, and the small
/// endpoint it gets its Direct Line token from, so the Direct Line secret never reaches the browser.
/// </summary>
public static class ChatPageApi
{
    public sealed record ChatTokenRequest(string? Policy, string? Locale, string? Site);

    public sealed record ChatTokenResponse(string ConversationId, string Token, int Expires_in, string Policy, string Business, string Locale);

    public static IEndpointRouteBuilder MapChatPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ServePage);
        app.MapGet("/chat", ServePage);
        app.MapPost("/api/chat/token", IssueTokenAsync).RequireCors(DirectLineApi.CorsPolicy).DisableAntiforgery()
            .RequireRateLimiting(Hosting.RateLimits.PerClient);
        app.MapGet("/api/chat/policies", (PolicyCatalog catalog) => catalog.All.Select(p => new { p.Id, p.Business }));
        return app;
    }

    private static IResult ServePage(IWebHostEnvironment environment) =>
        Results.File(Path.Combine(environment.WebRootPath, "chat.html"), "text/html; charset=utf-8");

    /// <summary>A new conversation for the page, with the site's policy and the visitor's language set on it.</summary>
    private static async Task<IResult> IssueTokenAsync(
        ChatTokenRequest? request, PolicySelector policies, DirectLineConversations conversations, DirectLineTokens tokens, TimeProvider clock)
    {
        var policy = policies.Choose(request?.Policy, request?.Site, tenant: null);
        var locale = string.IsNullOrWhiteSpace(request?.Locale) ? "en-US" : request.Locale;
        var conversation = await conversations.CreateAsync(userId: null, policy.Id, locale, request?.Site, clock.GetUtcNow());
        return Results.Ok(new ChatTokenResponse(conversation.Id, tokens.Issue(conversation.Id, null), (int)tokens.Lifetime.TotalSeconds,
            policy.Id, policy.Business, locale));
    }
}
