namespace RefundBot.Bot.Payments;

/// <summary>
/// The signed-webhook connector (<c>Payments:Webhook</c>): per policy, the business's endpoint that carries refunds out
/// and the secret both sides sign with (<c>Payments:Webhook:Policies:{policy id}:Url</c> and <c>:Secret</c>).
/// </summary>
public sealed class SignedWebhookOptions
{
    public const string Section = "Payments:Webhook";

    public Dictionary<string, WebhookEndpoint> Policies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long the business's endpoint may take to answer before the call counts as failed (and is asked again, same key).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How far a callback's signed timestamp may be from the bot's clock: an older one is a replay, refused.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    public WebhookEndpoint? For(string policyId) =>
        Policies.TryGetValue(policyId, out var endpoint) && endpoint.IsComplete ? endpoint : null;
}

/// <summary>One business's endpoint and signing secret (a secret: from a secret store, never the repository).</summary>
public sealed class WebhookEndpoint
{
    public string? Url { get; set; }
    public string? Secret { get; set; }

    public bool IsComplete =>
        !string.IsNullOrEmpty(Secret) && Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}
