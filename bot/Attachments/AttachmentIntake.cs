using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// Decides whether a file a customer sent is kept, whatever channel brought it: not empty, at most
/// <see cref="AttachmentOptions.MaxBytes"/>, a PDF, JPEG, PNG or HEIC by its content, clean when a scanner is
/// configured; then it is stored under its SHA-256. A refused file is not stored at all: the turn tells the customer why.
/// </summary>
public sealed partial class AttachmentIntake(
    IAttachmentStore store, IFileScanner scanner, IOptions<AttachmentOptions> options, TimeProvider clock, ILogger<AttachmentIntake> logger)
{
    private const int MaxNameLength = 120;

    public long MaxBytes => options.Value.MaxBytes;

    public async Task<ReceivedFile> ReceiveAsync(string conversationKey, string? name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var shownName = CleanName(name);
        var mediaType = content.IsEmpty ? null : FileSniffer.MediaType(content.Span);
        var refusal = content.IsEmpty ? FileRefusal.Empty
            : content.Length > options.Value.MaxBytes ? FileRefusal.TooLarge
            : mediaType is null ? FileRefusal.UnsupportedType
            : await ScanAsync(content, cancellationToken);
        if (refusal != FileRefusal.None)
        {
            LogRefused(logger, refusal, content.Length);
            return Refused(shownName, content.Length, refusal);
        }

        var sha256 = AttachmentHash.Of(content.Span);
        await store.PutAsync(new StoredAttachmentInfo(conversationKey, sha256, shownName, mediaType!, content.Length, clock.GetUtcNow()), content, cancellationToken);
        LogKept(logger, mediaType!, content.Length);
        return new ReceivedFile(shownName, mediaType, content.Length, sha256);
    }

    public static ReceivedFile Refused(string? name, long size, FileRefusal refusal) => new(CleanName(name), null, size, null, refusal);

    /// <summary>The name as the customer gave it, without any folder, control characters or excess length.</summary>
    public static string CleanName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string([.. bare.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length == 0 ? "file" : clean.Length > MaxNameLength ? clean[..MaxNameLength] : clean;
    }

    private async Task<FileRefusal> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        await scanner.ScanAsync(content, cancellationToken) switch
        {
            ScanVerdict.Clean => FileRefusal.None,
            ScanVerdict.Infected => FileRefusal.Infected,
            _ => FileRefusal.Unavailable,
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a file of {Size} bytes: {Refusal}")]
    private static partial void LogRefused(ILogger logger, FileRefusal refusal, long size);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kept a {MediaType} file of {Size} bytes")]
    private static partial void LogKept(ILogger logger, string mediaType, long size);
}
