using System.Security.Cryptography;
using System.Text;
using RefundBot.Bot.Hosting;
using RefundBot.Dialogs.Privacy;

namespace RefundBot.Bot.Privacy;

/// <summary>The business's privacy settings ("Privacy" section).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>The key the business's systems send to erase a customer's data; without one, the API is off.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long what was said is kept (transcripts, Direct Line's activity log); zero keeps it for ever.</summary>
    public TimeSpan TranscriptRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often transcripts past their retention are looked for and deleted.</summary>
    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>
/// <c>DELETE /api/privacy/conversations/{channelId}/{conversationId}</c>: the business erases a customer's conversation,
/// its transcript, its refund cases and its channel's activity log (a GDPR erasure request, say). It takes the
/// <c>Privacy:ApiKey</c> as a bearer token; it answers 404 while no key is configured.
/// </summary>
public static class PrivacyApi
{
    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/privacy/conversations/{channelId}/{conversationId}", EraseAsync).RequireRateLimiting(RateLimits.Api)
            .WithTags(OpenApi.PublicApiDocument.PrivacyTag).WithSummary("Erase a conversation, its transcript and its cases")
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> EraseAsync(
        string channelId, string conversationId, HttpRequest request, ConversationEraser eraser,
        Microsoft.Extensions.Options.IOptions<PrivacyOptions> options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.ApiKey))
        {
            return Results.NotFound();
        }

        if (!Authorized(request.Headers.Authorization.ToString(), options.Value.ApiKey))
        {
            return Results.Unauthorized();
        }

        var cases = await eraser.EraseAsync(channelId, conversationId, cancellationToken);
        return Results.Ok(new { erased = true, cases });
    }

    private static bool Authorized(string header, string key)
    {
        var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
