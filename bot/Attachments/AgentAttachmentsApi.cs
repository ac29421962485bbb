using Microsoft.Net.Http.Headers;
using RefundBot.Bot.AgentDesk;
using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// The files of a conversation for signed-in agents: <c>GET /agent/api/files?conversation={key}</c> lists them,
/// <c>GET /agent/api/files/{sha256}?conversation={key}</c> downloads one, always as an attachment
/// (<c>Content-Disposition: attachment</c>, <c>X-Content-Type-Options: nosniff</c>, a sandboxing CSP), never shown
/// inline by the browser, under its detected type. A file sent for a case's document fact says so, with its check.
/// <c>GET /agent/api/files/{sha256}/thumbnail?conversation={key}</c> is a JPEG or PNG photo's small JPEG
/// (<see cref="AttachmentThumbnails"/>), the one thing of a file shown inline, and only as the image it was re-drawn as.
/// </summary>
public static class AgentAttachmentsApi
{
    public sealed record FileView(
        string Sha256, string Name, string MediaType, long Size, string SizeText, DateTimeOffset StoredAt, ReceiptCheck? Receipt, DocumentLink? Document = null, bool Thumbnail = false);

    /// <summary>The case's document fact this file was sent for (a receipt for <c>proof_of_purchase</c>), and where its check stands.</summary>
    public sealed record DocumentLink(string CaseId, string FactId, string Label, string Status);

    public static IEndpointRouteBuilder MapAgentAttachments(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/agent/api/files").RequireAuthorization(AgentDeskSetup.AgentPolicy);
        files.MapGet("", ListAsync);
        files.MapGet("/{sha256}", DownloadAsync);
        files.MapGet("/{sha256}/thumbnail", ThumbnailAsync);
        return app;
    }

    /// <summary>The conversation's files; a PDF's text compared with the conversation's latest case (<see cref="ReceiptReader"/>).</summary>
    private static async Task<IResult> ListAsync(
        string? conversation, IAttachmentStore store, CaseStore cases, PolicyCatalog policies, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(conversation))
        {
            return Results.BadRequest();
        }

        var latest = (await cases.ForConversationAsync(conversation, cancellationToken)).MaxBy(c => c.CreatedAt);
        var views = new List<FileView>();
        foreach (var file in await store.ListAsync(conversation, cancellationToken))
        {
            var receipt = latest is not null && file.MediaType == "application/pdf"
                && await store.ReadAsync(conversation, file.Sha256, cancellationToken) is { } pdf
                ? ReceiptReader.Check(pdf, latest)
                : null;
            views.Add(new FileView(file.Sha256, file.Name, file.MediaType, file.Size, Dialogs.Runtime.ReceivedFile.SizeText(file.Size), file.StoredAt, receipt,
                latest is null ? null : Link(latest, file.Sha256, policies), ImageThumbnail.Supports(file.MediaType)));
        }

        return Results.Ok(views);
    }

    /// <summary>The document fact of the case whose value rests on this file, if any.</summary>
    private static DocumentLink? Link(RefundCase refundCase, string sha256, PolicyCatalog policies)
    {
        var policy = refundCase.PolicyId is { } policyId ? policies.Find(policyId) : null;
        foreach (var (factId, value) in refundCase.Facts)
        {
            if (policy?.Fact(factId) is { Type: FactType.Document } fact
                && DocumentEvidence.Parse(value) is { } document && document.Sha256 == sha256)
            {
                return new DocumentLink(refundCase.Id, factId, fact.Label.In("en"), document.StatusText);
            }
        }

        return null;
    }

    private static async Task<IResult> DownloadAsync(
        string sha256, string? conversation, HttpResponse response, IAttachmentStore store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(conversation) || !AttachmentHash.IsValid(sha256)
            || await store.FindAsync(conversation, sha256, cancellationToken) is not { } info
            || await store.ReadAsync(conversation, sha256, cancellationToken) is not { } content)
        {
            return Results.NotFound();
        }

        NeverRendered(response);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(DownloadName(info));
        response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        return Results.Bytes(content, info.MediaType);
    }

    /// <summary>The image re-drawn small as a JPEG, or 404 when the file is not the conversation's or has no thumbnail (a PDF, a HEIC).</summary>
    private static async Task<IResult> ThumbnailAsync(
        string sha256, string? conversation, HttpResponse response, IAttachmentStore store, AttachmentThumbnails thumbnails, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(conversation) || !AttachmentHash.IsValid(sha256)
            || await store.FindAsync(conversation, sha256, cancellationToken) is not { } info
            || await thumbnails.OfAsync(store, info, cancellationToken) is not { } thumbnail)
        {
            return Results.NotFound();
        }

        NeverRendered(response);
        return Results.Bytes(thumbnail, ImageThumbnail.MediaType);
    }

    /// <summary>What a customer's file (or its thumbnail) is served with: never sniffed, never run as a page, never cached.</summary>
    private static void NeverRendered(HttpResponse response)
    {
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
        response.Headers[HeaderNames.CacheControl] = "private, no-store";
    }

    /// <summary>The customer's name for it, with the extension of what it really is.</summary>
    private static string DownloadName(StoredAttachmentInfo info)
    {
        var extension = FileSniffer.Extension(info.MediaType);
        return info.Name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? info.Name : Path.GetFileNameWithoutExtension(info.Name) + extension;
    }
}
