namespace RefundBot.Bot.Channels.BotConnector;

/// <summary>
/// The bot's Bot Connector registration ("BotConnector" configuration section). With no <see cref="AppId"/> the
/// bot runs in Emulator mode: inbound requests are not authenticated and replies carry no token.
/// </summary>
public sealed class BotConnectorOptions
{
    public const string Section = "BotConnector";

    /// <summary>The bot's Microsoft App ID; the audience its inbound tokens must have.</summary>
    public string? AppId { get; set; }

    /// <summary>The bot's client secret, for the tokens its replies carry.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The bot's Entra tenant (single-tenant bots); "botframework.com" for legacy multi-tenant bots.</summary>
    public string TenantId { get; set; } = "botframework.com";

    /// <summary>Where outbound tokens come from; default: the Microsoft identity platform's endpoint for <see cref="TenantId"/>.</summary>
    public string? TokenEndpoint { get; set; }

    public string Scope { get; set; } = "https://api.botframework.com/.default";

    public string ResolvedTokenEndpoint => TokenEndpoint ?? $"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token";

    /// <summary>The OpenID metadata document that publishes the Bot Connector's signing keys.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuers of Bot Connector tokens.</summary>
    public List<string> ValidIssuers { get; set; } = ["https://api.botframework.com"];

    /// <summary>How far token lifetimes may be off, as Microsoft specifies for channel tokens.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Service URLs the bot may reply to besides loopback (without an app id) or public addresses (with one): a
    /// connector on a private network, an Emulator behind a tunnel. Compared by origin (scheme, host and port).
    /// </summary>
    public string[] AllowedServiceUrls { get; set; } = [];

    /// <summary>
    /// Lets the bot start in the Production environment with no <see cref="AppId"/>, so that anyone who reaches
    /// <c>/api/messages</c> may talk to it unauthenticated (behind a gateway that authenticates, say). Off by default.
    /// </summary>
    public bool AllowUnauthenticated { get; set; }

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(AppId);
}
