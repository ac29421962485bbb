namespace RefundBot.Bot.Payments;

/// <summary>The Stripe connector (<c>Payments:Stripe</c>): the secret API key, the webhook's signing secret, and where the API is.</summary>
public sealed class StripeOptions
{
    public const string Section = "Payments:Stripe";

    /// <summary>The secret key (<c>sk_live_...</c>, <c>rk_live_...</c>): from a secret store, never the repository.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (<c>whsec_...</c>); without it the webhook answers 404.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Stripe's API; a test points it at a loopback fake.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";

    /// <summary>How long one call may take before it counts as failed (and is asked again under the same key).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Stripe.net's own retries of a call that failed on the network, a 409 or a 5xx (same idempotency key).</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>How old a webhook's signed timestamp may be (Stripe's default: 5 minutes): an older one is a replay, refused.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
