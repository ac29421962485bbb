using RefundBot.Bot.AgentDesk.Inbox;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Bot.AgentDesk;

/// <summary>
/// The agent desk: its sign-in (a cookie after a local account's password, or OpenID Connect when configured), its
/// pages (<c>/agent</c>, <c>/agent/login</c>), its sign-in API and its SignalR hub. Nothing here accepts a customer's
/// Direct Line token or a Bot Connector token: only an agent's sign-in cookie opens it.
/// </summary>
public static partial class AgentDeskSetup
{
    public const string AgentPolicy = "Agent";
    public const string CookieScheme = "AgentDesk";
    public const string OpenIdScheme = "AgentDeskOidc";

    /// <summary>Where the identity provider posts its answer (a cross-origin form post, checked by OpenID Connect itself).</summary>
    public const string OpenIdCallbackPath = "/agent/signin-oidc";
    private const string SignInLimit = "agent-sign-in";

    public sealed record SignInRequest(string? Username, string? Password);

    public static IServiceCollection AddAgentDesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AgentDeskOptions>(configuration.GetSection(AgentDeskOptions.Section));
        var settings = configuration.GetSection(AgentDeskOptions.Section).Get<AgentDeskOptions>() ?? new AgentDeskOptions();
        services.Configure<HandoffOptions>(configuration.GetSection(HandoffOptions.Section));
        services.AddSingleton<AgentAccounts>();
        services.AddSingleton<AgentDeskViews>();
        services.AddAgentInbox();
        services.AddSingleton<AgentDeskNotifier>();
        services.AddSingleton<IHandoffQueueObserver>(sp => sp.GetRequiredService<AgentDeskNotifier>());
        services.AddSingleton<ITranscriptObserver>(sp => sp.GetRequiredService<AgentDeskNotifier>());
        services.AddSingleton<HandoffMonitorService>();
        services.AddHostedService(sp => sp.GetRequiredService<HandoffMonitorService>());
        services.AddRateLimiter(limiter =>
        {
            // Password guessing (and the PBKDF2 work each try costs) is slowed down per client address; the 429 answer
            // itself is set up with the channels' limits (RateLimits).
            limiter.AddPolicy(SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });

        var authentication = services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "RefundBot.Agent";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.Path = "/"; // the desk (/agent) and the business console (/admin)
            cookie.ExpireTimeSpan = settings.SessionLifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/agent/login";
            cookie.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized, toSignIn: true);
            cookie.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden, toSignIn: false);
        });
        if (settings.OpenIdConnect.IsConfigured)
        {
            authentication.AddOpenIdConnect(OpenIdScheme, oidc =>
            {
                oidc.Authority = settings.OpenIdConnect.Authority;
                oidc.ClientId = settings.OpenIdConnect.ClientId;
                oidc.ClientSecret = settings.OpenIdConnect.ClientSecret;
                oidc.ResponseType = "code";
                oidc.CallbackPath = OpenIdCallbackPath;
                oidc.SignInScheme = CookieScheme;
                oidc.TokenValidationParameters.NameClaimType = "name";
                oidc.Events.OnTokenValidated = context =>
                {
                    // Only people the identity provider gives the agent role may use the desk.
                    if (context.Principal?.HasClaim(settings.OpenIdConnect.RoleClaim, settings.OpenIdConnect.RequiredRole) != true)
                    {
                        context.Fail($"The user does not have the role {settings.OpenIdConnect.RequiredRole}.");
                    }

                    return Task.CompletedTask;
                };
            });
        }

        services.AddAuthorizationBuilder().AddPolicy(AgentPolicy, policy => policy
            .AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser());
        return services;
    }

    public static WebApplication MapAgentDesk(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AgentDeskOptions>>().Value;
        if (settings.Agents.Count == 0 && !settings.OpenIdConnect.IsConfigured)
        {
            LogNoAgents(app.Logger);
        }

        app.MapGet("/agent", (IWebHostEnvironment environment) => Page(environment, "index.html")).RequireAuthorization(AgentPolicy);
        app.MapGet("/agent/login", (IWebHostEnvironment environment) => Page(environment, "login.html"));
        app.MapGet("/agent/api/sign-in-options", (Microsoft.Extensions.Options.IOptions<AgentDeskOptions> options) =>
            new { openIdConnect = options.Value.OpenIdConnect.IsConfigured });
        app.MapPost("/agent/api/login", SignInAsync).DisableAntiforgery().RequireRateLimiting(SignInLimit);
        app.MapPost("/agent/api/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieScheme);
            return Results.NoContent();
        }).RequireAuthorization(AgentPolicy);
        app.MapGet("/agent/api/me", (HttpContext context) => AgentAccounts.IdentityOf(context.User)).RequireAuthorization(AgentPolicy);
        app.MapGet("/agent/login/oidc", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/agent" }, [OpenIdScheme]));
        app.MapHub<AgentHub>(AgentHub.Path, hub => hub.CloseOnAuthenticationExpiration = true);
        return app;
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult, BadRequest>> SignInAsync(
        SignInRequest? request, AgentAccounts accounts, HttpContext context)
    {
        if (request is null)
        {
            return TypedResults.BadRequest();
        }

        if (accounts.SignIn(request.Username, request.Password) is not { } agent)
        {
            return TypedResults.Unauthorized();
        }

        await context.SignInAsync(CookieScheme, AgentAccounts.Principal(agent, CookieScheme, accounts.RolesOf(agent.Id)));
        return TypedResults.NoContent();
    }

    private static IResult Page(IWebHostEnvironment environment, string file) =>
        Results.File(Path.Combine(environment.WebRootPath, "agent", file), "text/html; charset=utf-8");

    /// <summary>
    /// The desk's and the console's pages go to the sign-in page when nobody is signed in; their APIs and the hub, and
    /// a signed-in agent without the console's role, get a status code.
    /// </summary>
    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status, bool toSignIn)
    {
        var path = context.Request.Path;
        if (toSignIn && (path == "/agent" || path.StartsWithSegments("/admin") && !path.StartsWithSegments("/admin/api")))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The agent desk (/agent) has no agent accounts: add one with 'dotnet run --project bot -- hash-password' (see the README)")]
    private static partial void LogNoAgents(ILogger logger);
}
