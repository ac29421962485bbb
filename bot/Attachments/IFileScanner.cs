namespace RefundBot.Bot.Attachments;

public enum ScanVerdict
{
    Clean,
    Infected,
    Unavailable,
}

/// <summary>Looks for malware in a file before it is kept.</summary>
public interface IFileScanner
{
    Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

/// <summary>No scanner configured: every file passes.</summary>
public sealed class NoFileScanner : IFileScanner
{
    public Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => Task.FromResult(ScanVerdict.Clean);
}
