using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Handoff;

namespace RefundBot.Bot.AgentDesk;

/// <summary>
/// The agent accounts of the configuration, checked with ASP.NET Core Identity's password hasher (PBKDF2 with a
/// per-password salt). An unknown name costs as much time as a wrong password, so names cannot be probed.
/// </summary>
public sealed class AgentAccounts(IOptionsMonitor<AgentDeskOptions> options)
{
    private static readonly PasswordHasher<AgentAccount> Hasher = new();
    private static readonly string DecoyHash = Hasher.HashPassword(new AgentAccount(), Guid.NewGuid().ToString());

    public AgentIdentity? SignIn(string? id, string? password)
    {
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var account = options.CurrentValue.Agents.FirstOrDefault(a => string.Equals(a.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));
        var verdict = Hasher.VerifyHashedPassword(account ?? new AgentAccount(), account?.PasswordHash is { Length: > 0 } hash ? hash : DecoyHash, password);
        return account is not null && verdict != PasswordVerificationResult.Failed
            ? new AgentIdentity(account.Id, string.IsNullOrWhiteSpace(account.DisplayName) ? account.Id : account.DisplayName)
            : null;
    }

    /// <summary>The roles of a configured account (none for an unknown one).</summary>
    public IReadOnlyList<string> RolesOf(string id) =>
        options.CurrentValue.Agents.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase))?.Roles ?? [];

    public static string HashPassword(string password) => Hasher.HashPassword(new AgentAccount(), password);

    /// <summary>The signed-in agent of a desk connection (a local account or an OpenID Connect user).</summary>
    public static AgentIdentity IdentityOf(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub")
            ?? throw new InvalidOperationException("A signed-in agent has no identifier claim.");
        return new AgentIdentity(id, user.FindFirstValue(ClaimTypes.Name) ?? user.FindFirstValue("name") ?? id);
    }

    public static ClaimsPrincipal Principal(AgentIdentity agent, string scheme, IEnumerable<string>? roles = null) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, agent.Id), new Claim(ClaimTypes.Name, agent.DisplayName), .. (roles ?? []).Select(r => new Claim(ClaimTypes.Role, r))],
        scheme));
}
