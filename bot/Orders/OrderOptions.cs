namespace RefundBot.Bot.Orders;

/// <summary>Where order records come from ("Orders" configuration section).</summary>
public sealed class OrderOptions
{
    public const string Section = "Orders";

    /// <summary>"Sample" (the embedded demo order book, the default), "Http" (the business's own order API) or "None".</summary>
    public string Provider { get; set; } = "Sample";

    public HttpOrderOptions Http { get; set; } = new();
}

public sealed class HttpOrderOptions
{
    /// <summary>GET URL in which <c>{orderId}</c> and <c>{policyId}</c> are replaced, e.g. https://shop.example/api/orders/{orderId}.</summary>
    public string UrlTemplate { get; set; } = "";

    /// <summary>A header sent with each request, e.g. "Authorization" with "Bearer ...", or "X-Api-Key".</summary>
    public string? AuthHeaderName { get; set; }

    public string? AuthHeaderValue { get; set; }

    /// <summary>How long one attempt may take; two more attempts follow a timeout or a 5xx/429 answer.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
