using System.Text.Json;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Cases;

/// <summary>Which policy a conversation follows ("Policies" configuration section).</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policies";

    /// <summary>The policy of conversations nothing else maps.</summary>
    public string Default { get; set; } = "masecurite";

    /// <summary>Web sites (the chat page's <c>site</c>) mapped to policy ids.</summary>
    public Dictionary<string, string> Sites { get; set; } = [];

    /// <summary>Teams tenants (<c>channelData.tenant.id</c>) mapped to policy ids.</summary>
    public Dictionary<string, string> Tenants { get; set; } = [];

    /// <summary>Let a client name the policy itself (<c>channelData.policy</c>); on for the demo chat page.</summary>
    public bool AllowClientChoice { get; set; } = true;
}

/// <summary>
/// Chooses a conversation's policy on its first activity, and keeps it: the policy the client names (when allowed),
/// else the one its site or Teams tenant is mapped to, else the default.
/// </summary>
public sealed class PolicySelector(PolicyCatalog catalog, IOptions<PolicyOptions> options)
{
    public Policy PolicyOf(TurnContext turn)
    {
        var state = turn.State;
        if (state.PolicyId is { } chosen && catalog.Find(chosen) is { } kept)
        {
            return kept;
        }

        var policy = Select(turn.Activity);
        state.PolicyId = policy.Id;
        return policy;
    }

    private Policy Select(Activity activity) =>
        Choose(ChannelData(activity, "policy"), ChannelData(activity, "site"), TenantId(activity));

    /// <summary>The policy a client asks for (when allowed), else its site's or tenant's, else the default.</summary>
    public Policy Choose(string? asked, string? site, string? tenant)
    {
        var settings = options.Value;
        var candidates = new[]
        {
            settings.AllowClientChoice ? asked : null,
            site is not null ? settings.Sites.GetValueOrDefault(site) : null,
            tenant is not null ? settings.Tenants.GetValueOrDefault(tenant) : null,
            settings.Default,
        };
        return candidates.OfType<string>().Select(catalog.Find).OfType<Policy>().FirstOrDefault()
            ?? throw new InvalidOperationException($"The default policy '{settings.Default}' is not in policy-content.");
    }

    /// <summary>
    /// The Teams tenant: only Teams vouches for it (its activities carry a Bot Connector token endorsed for Teams), so a
    /// tenant named on any other channel is a claim and chooses nothing.
    /// </summary>
    private static string? TenantId(Activity activity) =>
        activity.ChannelId != "msteams" ? null
        : activity.ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
        && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : activity.Conversation?.TenantId;

    private static string? ChannelData(Activity activity, string name) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
