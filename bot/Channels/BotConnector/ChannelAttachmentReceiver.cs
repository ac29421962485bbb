using System.Text.Json;
using Microsoft.Extensions.Options;
using RefundBot.Bot.Attachments;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.BotConnector;

/// <summary>
/// Fetches the files an activity on <c>/api/messages</c> carries and hands each to <see cref="AttachmentIntake"/>:
/// an attachment's <c>contentUrl</c> only on the host of the activity's own serviceUrl, with the bot's token (Teams
/// images, the Emulator's uploads); a Teams file's <c>downloadUrl</c> (<c>application/vnd.microsoft.teams.file.download.info</c>)
/// only over https on a host of <see cref="AttachmentOptions.DownloadHosts"/>, without the bot's token (the link
/// carries its own). Any other URL is never fetched: the file counts as not received. Cards, Teams' HTML copy of the
/// message and attachments without a URL are left as they are.
/// </summary>
public sealed partial class ChannelAttachmentReceiver(
    IHttpClientFactory clients, AttachmentIntake intake, IOptions<AttachmentOptions> options, ILogger<ChannelAttachmentReceiver> logger)
{
    public const string ConnectorClient = "attachments-connector";
    public const string LinkClient = "attachments-link";
    public const string TeamsFileDownload = "application/vnd.microsoft.teams.file.download.info";

    public async Task ReceiveAsync(Activity activity, CancellationToken cancellationToken)
    {
        ReceivedFiles.RemoveClaims(activity);
        if (!activity.IsMessage || activity.Attachments is not { Count: > 0 } attachments)
        {
            return;
        }

        var key = StateKeys.Conversation(activity);
        for (var i = 0; i < attachments.Count && i < Channels.DirectLine.DirectLineUploadApi.MaxFiles; i++)
        {
            if (Source(activity, attachments[i]) is { } source)
            {
                attachments[i] = ReceivedFiles.ToAttachment(await FetchAsync(key, attachments[i].Name, source, cancellationToken));
            }
        }
    }

    private sealed record FileSource(Uri? Url, bool WithToken);

    /// <summary>Where the file is to be fetched from (a null URL: from nowhere allowed), or null when the attachment is no file.</summary>
    private FileSource? Source(Activity activity, Attachment attachment)
    {
        if (attachment.ContentType == TeamsFileDownload)
        {
            var link = attachment.Content is { ValueKind: JsonValueKind.Object } content && content.TryGetProperty("downloadUrl", out var url)
                && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
            return new FileSource(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && IsDownloadHost(uri.Host) ? uri : null, false);
        }

        if (string.IsNullOrEmpty(attachment.ContentUrl) || attachment.ContentType is "text/html" or "text/plain")
        {
            return null;
        }

        var sameHost = Uri.TryCreate(attachment.ContentUrl, UriKind.Absolute, out var contentUrl)
            && Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            && Uri.Compare(contentUrl, serviceUrl, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;
        return new FileSource(sameHost ? contentUrl : null, true);
    }

    private bool IsDownloadHost(string host) => options.Value.DownloadHosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
        ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
        : host.Equals(allowed, StringComparison.OrdinalIgnoreCase));

    private async Task<ReceivedFile> FetchAsync(string key, string? name, FileSource source, CancellationToken cancellationToken)
    {
        if (source.Url is null)
        {
            LogRefusedHost(logger);
            return AttachmentIntake.Refused(name, 0, FileRefusal.Unavailable);
        }

        try
        {
            var http = clients.CreateClient(source.WithToken ? ConnectorClient : LinkClient);
            using var response = await http.GetAsync(source.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogDownloadFailed(logger, (int)response.StatusCode);
                return AttachmentIntake.Refused(name, 0, FileRefusal.Unavailable);
            }

            if (response.Content.Headers.ContentLength > intake.MaxBytes)
            {
                return AttachmentIntake.Refused(name, response.Content.Headers.ContentLength.Value, FileRefusal.TooLarge);
            }

            var (content, size) = await ReadAtMostAsync(await response.Content.ReadAsStreamAsync(cancellationToken), intake.MaxBytes, cancellationToken);
            return content is null ? AttachmentIntake.Refused(name, size, FileRefusal.TooLarge) : await intake.ReceiveAsync(key, name, content, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or ServiceUrlRefusedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogDownloadFailed(logger, 0);
            return AttachmentIntake.Refused(name, 0, FileRefusal.Unavailable);
        }
    }

    /// <summary>The body, or null (and how much was read) once it passes <paramref name="limit"/>: a large file is never read whole.</summary>
    private static async Task<(byte[]? Content, long Size)> ReadAtMostAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        await using var _ = body;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return (null, buffer.Length);
            }
        }

        return (buffer.ToArray(), buffer.Length);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Did not fetch an attachment: its URL is not on the serviceUrl's host or an allowed download host")]
    private static partial void LogRefusedHost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch an attachment (status {Status})")]
    private static partial void LogDownloadFailed(ILogger logger, int status);
}
