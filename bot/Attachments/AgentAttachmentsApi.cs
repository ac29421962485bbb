using Microsoft.Net.Http.Headers;
using RefundBot.Bot.AgentDesk;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// The files of a conversation for signed-in agents: <c>GET /agent/api/files?conversation={key}</c> lists them,
/// <c>GET /agent/api/files/{sha256}?conversation={key}</c> downloads one, always as an attachment
/// (<c>Content-Disposition: attachment</c>, <c>X-Content-Type-Options: nosniff</c>, a sandboxing CSP), never shown
/// inline by the browser, under its detected type.
/// </summary>
public static class AgentAttachmentsApi
{
    public sealed record FileView(string Sha256, string Name, string MediaType, long Size, string SizeText, DateTimeOffset StoredAt);

    public static IEndpointRouteBuilder MapAgentAttachments(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/agent/api/files").RequireAuthorization(AgentDeskSetup.AgentPolicy);
        files.MapGet("", ListAsync);
        files.MapGet("/{sha256}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(string? conversation, IAttachmentStore store, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(conversation)
            ? Results.BadRequest()
            : Results.Ok((await store.ListAsync(conversation, cancellationToken))
                .Select(f => new FileView(f.Sha256, f.Name, f.MediaType, f.Size, Dialogs.Runtime.ReceivedFile.SizeText(f.Size), f.StoredAt)));

    private static async Task<IResult> DownloadAsync(
        string sha256, string? conversation, HttpResponse response, IAttachmentStore store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(conversation) || !AttachmentHash.IsValid(sha256)
            || await store.FindAsync(conversation, sha256, cancellationToken) is not { } info
            || await store.ReadAsync(conversation, sha256, cancellationToken) is not { } content)
        {
            return Results.NotFound();
        }

        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
        response.Headers[HeaderNames.CacheControl] = "private, no-store";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(DownloadName(info));
        response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        return Results.Bytes(content, info.MediaType);
    }

    /// <summary>The customer's name for it, with the extension of what it really is.</summary>
    private static string DownloadName(StoredAttachmentInfo info)
    {
        var extension = FileSniffer.Extension(info.MediaType);
        return info.Name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? info.Name : Path.GetFileNameWithoutExtension(info.Name) + extension;
    }
}
