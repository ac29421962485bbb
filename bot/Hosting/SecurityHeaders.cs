using Microsoft.Extensions.Options;
using RefundBot.Bot.Channels.DirectLine;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// Headers that tell browsers how to treat what the bot serves. Every response: <c>X-Content-Type-Options: nosniff</c>
/// and <c>Referrer-Policy: strict-origin-when-cross-origin</c>. The agent desk (<c>/agent...</c>): a Content Security Policy
/// that allows only the bot's own scripts, styles and connections and no framing at all (<c>frame-ancestors 'none'</c>,
/// <c>X-Frame-Options: DENY</c>), so a page elsewhere cannot overlay it to trick an agent into clicking. The chat page
/// (<c>/</c>, <c>/chat</c>): a policy fitting Web Chat (its emotion styles are injected &lt;style&gt; elements, hence
/// <c>'unsafe-inline'</c> for styles only; its assets are blob: and data: URLs), which may be framed by the bot itself
/// and by the sites of <see cref="DirectLineOptions.AllowedOrigins"/>, the sites allowed to embed it.
/// The headers are set when the response starts, so error pages written by the exception handler carry them too.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, IOptionsMonitor<DirectLineOptions> directLine)
{
    private static readonly PathString Desk = "/agent";
    private static readonly PathString Console = "/admin";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            Apply(context);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        var path = context.Request.Path;
        if (path.StartsWithSegments(Desk) || path.StartsWithSegments(Console))
        {
            headers.ContentSecurityPolicy = DeskPolicy(context.Request);
            headers.XFrameOptions = "DENY";
        }
        else if (path == "/" || path == "/chat" || path == "/chat.html")
        {
            headers.ContentSecurityPolicy = ChatPolicy(context.Request);
        }
    }

    private static string DeskPolicy(HttpRequest request) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        $"connect-src 'self' {WebSocketOrigin(request)}; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    private string ChatPolicy(HttpRequest request)
    {
        var embedders = directLine.CurrentValue.AllowedOrigins.Where(IsSourceExpression);
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
            $"font-src 'self' data:; media-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self' blob: {WebSocketOrigin(request)}; " +
            $"frame-ancestors {string.Join(' ', ["'self'", .. embedders])}; form-action 'self'; base-uri 'none'; object-src 'none'";
    }

    /// <summary>The bot's own ws(s) origin: browsers before CSP level 3 do not count it as 'self'.</summary>
    private static string WebSocketOrigin(HttpRequest request) => $"{(request.IsHttps ? "wss" : "ws")}://{request.Host}";

    /// <summary>A configured origin goes into the policy only if it cannot add or break a directive.</summary>
    private static bool IsSourceExpression(string origin) =>
        origin.Length > 0 && !origin.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '\'');
}
