using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// Reads a JSON request body, turning every way it can be unreadable into a ProblemDetails answer; a body over the
/// endpoint's size limit (<see cref="IRequestSizeLimitMetadata"/>) is refused with 413 before it is read.
/// </summary>
public static class JsonRequest
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, string title, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problem(title, "The body must be sent as application/json.", StatusCodes.Status415UnsupportedMediaType));
        }

        var limit = request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(title, limit.Value));
        }

        // A body sent without a Content-Length is counted by the server as it is read (routing may have set this already).
        if (limit is not null && request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        try
        {
            var value = await request.ReadFromJsonAsync<T>(options, cancellationToken);
            return value is null ? (null, Problem(title, "The body is empty.")) : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, Problem(title, $"The body is not valid JSON for this request: {exception.Message}"));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(title, limit ?? 0)); // no Content-Length: the server counted the bytes itself
        }
    }

    private static IResult TooLarge(string title, long limit) =>
        Problem(title, $"The body is larger than the {limit / 1024} KB this endpoint accepts.", StatusCodes.Status413PayloadTooLarge);

    public static IResult Problem(string title, string detail, int status = StatusCodes.Status400BadRequest) =>
        Results.Problem(statusCode: status, title: title, detail: detail);
}
