using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// Scans with ClamAV's daemon (Debian's clamav-daemon) over its socket, TCP or unix, with the INSTREAM command:
/// "zINSTREAM\0", the file in chunks each preceded by its length (4 bytes, network order), a zero length, then one
/// answer, "stream: OK" or "stream: {signature} FOUND". Anything else (no daemon, a timeout, "INSTREAM size limit
/// exceeded") is <see cref="ScanVerdict.Unavailable"/>, and the file is not kept.
/// </summary>
public sealed partial class ClamAvScanner(string address, TimeSpan timeout, ILogger<ClamAvScanner> logger) : IFileScanner
{
    private const int ChunkSize = 64 * 1024;

    public async Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var socket = await ConnectAsync(deadline.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), deadline.Token);
            var length = new byte[4];
            for (var offset = 0; offset < content.Length; offset += ChunkSize)
            {
                var chunk = content.Slice(offset, Math.Min(ChunkSize, content.Length - offset));
                BinaryPrimitives.WriteInt32BigEndian(length, chunk.Length);
                await stream.WriteAsync(length, deadline.Token);
                await stream.WriteAsync(chunk, deadline.Token);
            }

            BinaryPrimitives.WriteInt32BigEndian(length, 0);
            await stream.WriteAsync(length, deadline.Token);
            return Verdict(await ReadAnswerAsync(stream, deadline.Token));
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, exception.GetType().Name);
            return ScanVerdict.Unavailable;
        }
    }

    /// <summary>clamd's answer to INSTREAM: "stream: OK", "stream: … FOUND", or an error ("… ERROR").</summary>
    public static ScanVerdict Verdict(string answer)
    {
        var text = answer.TrimEnd('\0', '\n', ' ');
        return text.EndsWith(": OK", StringComparison.Ordinal) ? ScanVerdict.Clean
            : text.EndsWith(" FOUND", StringComparison.Ordinal) ? ScanVerdict.Infected
            : ScanVerdict.Unavailable;
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        if (address.StartsWith("unix:", StringComparison.Ordinal))
        {
            var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await unix.ConnectAsync(new UnixDomainSocketEndPoint(address["unix:".Length..]), cancellationToken);
            return unix;
        }

        var uri = new Uri(address.Contains("://", StringComparison.Ordinal) ? address : "tcp://" + address);
        var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await tcp.ConnectAsync(uri.Host, uri.Port > 0 ? uri.Port : 3310, cancellationToken);
        return tcp;
    }

    private static async Task<string> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var answer = new List<byte>();
        var buffer = new byte[256];
        while (answer.Count < 4096)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            answer.AddRange(buffer.AsSpan(0, read));
            if (buffer.AsSpan(0, read).Contains((byte)0))
            {
                break;
            }
        }

        return Encoding.ASCII.GetString([.. answer]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "clamd did not scan a file ({Error}): the file is not kept")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
