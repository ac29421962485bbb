using Microsoft.Extensions.Options;
using RefundBot.Bot.Hosting;

namespace RefundBot.Bot.AgentDesk;

/// <summary>
/// Refuses (403) cross-origin use of an agent's sign-in cookie: the hub (<c>/agent/hub</c>: negotiate, WebSocket upgrade,
/// long polling) and every state-changing call under <c>/agent</c> must come from the desk's own origin (the request's
/// scheme and host) or one of <see cref="AgentDeskOptions.AllowedOrigins"/>. SameSite=Strict keeps the cookie from
/// other sites but not from a sibling origin of the same site (another port, another subdomain), and neither CORS nor
/// the WebSocket handshake stops such a page from sending it. A request without an Origin header (a non-browser client,
/// a same-origin GET) goes on to the usual sign-in checks. The one cross-origin POST the desk expects, the identity
/// provider's answer to <see cref="AgentDeskSetup.OpenIdCallbackPath"/>, is left to OpenID Connect's own state and nonce checks.
/// </summary>
internal sealed partial class AgentDeskOriginCheck(RequestDelegate next, IOptionsMonitor<AgentDeskOptions> options, ILogger<AgentDeskOriginCheck> logger)
{
    private static readonly PathString Desk = "/agent";

    /// <summary>The business console, on the same sign-in: its changes (the policy studio's) are guarded the same way.</summary>
    private static readonly PathString Console = "/admin";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin;
        if (!(request.Path.StartsWithSegments(Desk) || request.Path.StartsWithSegments(Console)) || !Guarded(request) || origin.Count == 0
            || origin.Count == 1 && IsAllowed(request, origin.ToString()))
        {
            return next(context);
        }

        LogForeignOrigin(logger, request.Method, request.Path);
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin request refused",
            detail: "The agent desk only answers pages of its own origin.").ExecuteAsync(context);
    }

    /// <summary>The hub whatever the method (its WebSocket upgrade is a GET), and anything that changes state.</summary>
    private static bool Guarded(HttpRequest request) =>
        request.Path.StartsWithSegments(AgentHub.Path)
        || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            && !request.Path.Equals(AgentDeskSetup.OpenIdCallbackPath, StringComparison.OrdinalIgnoreCase);

    private bool IsAllowed(HttpRequest request, string origin) =>
        RequestOrigin.IsOwn(request, origin) || RequestOrigin.IsListed(options.CurrentValue.AllowedOrigins, origin);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a cross-origin {Method} {Path} on the agent desk")]
    private static partial void LogForeignOrigin(ILogger logger, string method, string path);
}
