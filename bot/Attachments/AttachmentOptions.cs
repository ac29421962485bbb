namespace RefundBot.Bot.Attachments;

/// <summary>Files customers send ("Attachments" configuration section).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>
    /// "LocalFolder" (one instance), "PostgreSql" (several; the Storage:PostgreSql database) or "S3" (several; the
    /// bucket of <see cref="S3"/>). Empty: PostgreSql when Storage:Provider is, else LocalFolder.
    /// </summary>
    public string Provider { get; set; } = "";

    /// <summary>The S3-compatible bucket, used when Provider is "S3".</summary>
    public S3Options S3 { get; set; } = new();

    /// <summary>The folder of LocalFolder, relative to the content root unless absolute.</summary>
    public string LocalFolder { get; set; } = "data/attachments";

    /// <summary>The largest file kept, in bytes (10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// clamd's address for scanning each file before it is kept: "tcp://127.0.0.1:3310" or "unix:/run/clamav/clamd.ctl".
    /// Empty: files are not scanned. When set and clamd does not answer, the file is not kept.
    /// </summary>
    public string? ClamAv { get; set; }

    /// <summary>How long clamd may take to answer for one file.</summary>
    public TimeSpan ScanTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Hosts (besides the activity's serviceUrl host) that Teams' file-download links may point to, a leading "*."
    /// for any sub-domain. The bot's token is never sent to them (the link carries its own authorisation).
    /// </summary>
    public List<string> DownloadHosts { get; set; } = ["*.sharepoint.com"];
}
