using RefundBot.Bot.Channels.DirectLine;
using RefundBot.Bot.ChatPage;
using RefundBot.Bot.Hosting;
using RefundBot.Dialogs.Cases;

namespace RefundBot.Bot.Notifications;

/// <summary>
/// Resume links: <c>GET /chat/resume?t=…</c>, the address an e-mail carries, checks the token and sends the browser to
/// the chat page with the token in the URL's fragment (never sent to a server, so never in a log or a Referer); the
/// page exchanges it at <c>POST /api/chat/resume</c> for a Direct Line token of that same conversation, and Web Chat
/// reconnects to it and reads its earlier activities. An expired, tampered or erased link gets a polite page.
/// </summary>
public static class ResumeApi
{
    public const string PagePath = "/chat/resume";

    public sealed record ResumeRequest(string? Token);

    public static IEndpointRouteBuilder MapResumeLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet(PagePath, OpenAsync).RequireRateLimiting(RateLimits.PerClient);
        app.MapPost("/api/chat/resume", ExchangeAsync).RequireCors(DirectLineApi.CorsPolicy).DisableAntiforgery()
            .RequireRateLimiting(RateLimits.PerClient);
        return app;
    }

    private static async Task<IResult> OpenAsync(string? t, ResumeTokens resume, DirectLineConversations conversations)
    {
        if (resume.Read(t) is not { } conversationId || await conversations.FindAsync(conversationId) is not { } conversation)
        {
            return LinkNotValid();
        }

        var query = new List<string>();
        if (conversation.Policy is { } policy)
        {
            query.Add($"policy={Uri.EscapeDataString(policy)}");
        }

        if (conversation.Locale is { } locale)
        {
            query.Add($"locale={Uri.EscapeDataString(locale)}");
        }

        return Results.Redirect($"/chat?{string.Join('&', query)}#resume={Uri.EscapeDataString(t!)}");
    }

    /// <summary>A Direct Line token for the link's conversation (a new chain: the link itself is the credential), shaped as the page's own token answer.</summary>
    private static async Task<IResult> ExchangeAsync(
        ResumeRequest? request, ResumeTokens resume, DirectLineConversations conversations, DirectLineTokens tokens, PolicySelector policies,
        BrandCatalog brands)
    {
        if (resume.Read(request?.Token) is not { } conversationId || await conversations.FindAsync(conversationId) is not { } conversation)
        {
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "This link has expired or is not valid");
        }

        var policy = policies.Choose(conversation.Policy, conversation.Site, tenant: null);
        var locale = conversation.Locale ?? "en-US";
        return Results.Ok(new ChatPageApi.ChatTokenResponse(conversation.Id, tokens.Issue(conversation.Id, conversation.UserId),
            tokens.SecondsLeft(null), policy.Id, policy.Business, locale, ChatPageApi.BrandFor(brands, policy.Id, locale)));
    }

    /// <summary>Both languages: an expired link's token can no longer say which one its customer speaks.</summary>
    private static IResult LinkNotValid() => Results.Content(
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Link expired · Lien expiré</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/chat.css"></head>
        <body><main>
        <h1>This link has expired</h1>
        <p>Sorry: this link to our conversation no longer works (links work for a limited time, and not after a conversation was deleted). If you still need help, <a href="/chat">start a new chat</a> and give your case number.</p>
        <h1 lang="fr">Ce lien a expiré</h1>
        <p lang="fr">Désolé : ce lien vers notre conversation ne fonctionne plus (les liens ont une durée limitée, et ne fonctionnent plus après la suppression d'une conversation). Si vous avez encore besoin d'aide, <a href="/chat?locale=fr-FR">ouvrez une nouvelle conversation</a> et donnez votre numéro de dossier.</p>
        </main></body></html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status410Gone);
}
