using System.Globalization;
using System.Text.Json;

namespace RefundBot.Dialogs.Runtime;

/// <summary>Why a channel did not keep a file the customer sent.</summary>
public enum FileRefusal
{
    None,
    Empty,
    TooLarge,
    UnsupportedType,
    Infected,
    Unavailable,
}

/// <summary>
/// A file the customer sent, as the channel left it on the activity after receiving it: kept in the attachment store
/// under its SHA-256 (<see cref="Sha256"/>), or refused with a reason (nothing kept). Only the bot's own channels write
/// it (<see cref="ReceivedFiles.Marker"/> on an attachment); a claim a client sends is removed on arrival.
/// </summary>
public sealed record ReceivedFile(string Name, string? MediaType, long Size, string? Sha256, FileRefusal Refusal = FileRefusal.None)
{
    public bool IsStored => Refusal == FileRefusal.None && Sha256 is not null;

    /// <summary>"receipt.pdf, 212 KB": how a transcript and the desk show it.</summary>
    public string Describe() => $"{Name}, {SizeText(Size)}";

    public static string SizeText(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{Math.Max(1, (long)Math.Round(bytes / 1024.0))} KB",
        _ => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
    };
}

/// <summary>Reads and writes <see cref="ReceivedFile"/>s on an activity's attachments.</summary>
public static class ReceivedFiles
{
    /// <summary>The attachment property the bot's channels put on a file they received (never trusted from a client).</summary>
    public const string Marker = "refundbotFile";

    public static IReadOnlyList<ReceivedFile> Of(Activity activity) =>
        activity.Attachments?
            .Select(a => a.Extra is { } extra && extra.TryGetValue(Marker, out var file) ? file.Deserialize<ReceivedFile>(ActivityJson.Options) : null)
            .OfType<ReceivedFile>()
            .ToList() ?? [];

    /// <summary>The attachment a channel puts on the activity for a file: its detected type and name, and the marker.</summary>
    public static Attachment ToAttachment(ReceivedFile file) => new()
    {
        ContentType = file.IsStored ? file.MediaType : "application/octet-stream",
        Name = file.Name,
        Extra = new Dictionary<string, JsonElement> { [Marker] = JsonSerializer.SerializeToElement(file, ActivityJson.Options) },
    };

    /// <summary>Removes any marker a client put on its attachments: only the channel says what it received.</summary>
    public static void RemoveClaims(Activity activity)
    {
        foreach (var attachment in activity.Attachments ?? [])
        {
            attachment.Extra?.Remove(Marker);
        }
    }
}
