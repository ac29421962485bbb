using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace RefundBot.Bot.Hosting;

/// <summary>What the channel endpoints accept ("Channels" configuration section).</summary>
public sealed class ChannelRequestOptions
{
    public const string Section = "Channels";

    /// <summary>
    /// The largest body, in bytes, that <c>/api/messages</c> and Direct Line's POST activities accept; larger ones get
    /// 413. An activity a person sends is a few kilobytes; Kestrel's default (30 MB) let one request fill the store.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = 256 * 1024;
}

/// <summary>The request body limit, as endpoint metadata that ASP.NET Core's routing applies to the server.</summary>
public static class ChannelRequestLimits
{
    /// <summary>
    /// Sets <see cref="ChannelRequestOptions.MaxRequestBodySize"/> on the endpoint; <see cref="JsonRequest"/> answers a
    /// body over it with a 413 ProblemDetails (the server enforces it on bodies without a Content-Length).
    /// </summary>
    public static RouteHandlerBuilder WithChannelBodyLimit(this RouteHandlerBuilder endpoint, IEndpointRouteBuilder app)
    {
        var limit = app.ServiceProvider.GetRequiredService<IOptions<ChannelRequestOptions>>().Value.MaxRequestBodySize;
        return endpoint.WithMetadata(new RequestSizeLimitAttribute(limit));
    }
}
