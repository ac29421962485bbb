using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace RefundBot.Bot.Hosting;

/// <summary>The request body limit, as endpoint metadata that ASP.NET Core's routing applies to the server.</summary>
internal static class ChannelRequestLimits
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
