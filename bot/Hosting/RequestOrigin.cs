namespace RefundBot.Bot.Hosting;

/// <summary>How an <c>Origin</c> header is judged, the same way wherever the bot checks one (agent desk, chat token).</summary>
internal static class RequestOrigin
{
    /// <summary>The request's own origin (scheme, host and port), as a browser on the bot's own pages sends it.</summary>
    public static bool IsOwn(HttpRequest request, string origin) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    /// <summary>One of the configured origins (a trailing slash in the setting is forgiven).</summary>
    public static bool IsListed(IEnumerable<string> allowed, string origin) =>
        allowed.Any(listed => string.Equals(listed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}
