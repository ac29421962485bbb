using System.Text.Json;

namespace RefundBot.Bot.Hosting;

/// <summary>Reads a JSON request body, turning every way it can be unreadable into a ProblemDetails answer.</summary>
public static class JsonRequest
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, string title, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problem(title, "The body must be sent as application/json.", StatusCodes.Status415UnsupportedMediaType));
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
    }

    public static IResult Problem(string title, string detail, int status = StatusCodes.Status400BadRequest) =>
        Results.Problem(statusCode: status, title: title, detail: detail);
}
