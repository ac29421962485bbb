namespace RefundBot.Bot.AgentDesk;

/// <summary>Who may sign in to the agent desk ("AgentDesk" section).</summary>
public sealed class AgentDeskOptions
{
    public const string Section = "AgentDesk";

    /// <summary>Accounts with hashed passwords (<c>dotnet run --project bot -- hash-password</c> makes a hash).</summary>
    public List<AgentAccount> Agents { get; set; } = [];

    /// <summary>Optional single sign-on with the business's identity provider, instead of or beside the accounts.</summary>
    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();

    /// <summary>How long a desk stays signed in without activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in attempts allowed per client address and minute (then 429 with Retry-After).</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Other origins (e.g. "https://desk.example") from which a browser may open the hub or call the desk's POST/PUT/DELETE
    /// endpoints with an agent's cookie. The desk's own origin is always allowed; any other Origin gets 403, because the
    /// SameSite cookie alone does not stop a sibling origin (another port or subdomain of the same site).
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}

public sealed class AgentAccount
{
    /// <summary>The sign-in name, e.g. "alice".</summary>
    public string Id { get; set; } = "";

    /// <summary>The name customers see on the agent's messages, e.g. "Alice".</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>An ASP.NET Core Identity password hash (PBKDF2); never the password itself.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Roles beyond the desk's, e.g. "RefundBot.Admin" for the business console (<c>/admin</c>).</summary>
    public List<string> Roles { get; set; } = [];
}

public sealed class OpenIdConnectSettings
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The role a user must have in the identity provider to use the desk (an app role in Entra ID).</summary>
    public string RequiredRole { get; set; } = "RefundBot.Agent";

    /// <summary>The role that opens the business console (<c>/admin</c>) to a user who may use the desk.</summary>
    public string AdminRole { get; set; } = "RefundBot.Admin";

    /// <summary>The claim that carries roles in the identity provider's tokens.</summary>
    public string RoleClaim { get; set; } = "roles";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
