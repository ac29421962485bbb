using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RefundBot.Bot.Attachments;

namespace RefundBot.Bot.Tests.Attachments;

/// <summary>
/// The clamd INSTREAM protocol against a fake clamd on loopback (which checks the framing and answers as clamd does),
/// and against a real clamd when one runs on this machine (skipped otherwise).
/// </summary>
public sealed class ClamAvScannerTests
{
    /// <summary>The EICAR test string: every anti-virus reports it, and it harms nothing.</summary>
    private static readonly byte[] Eicar = Encoding.ASCII.GetBytes(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    [Fact]
    public async Task A_clean_file_streamed_in_chunks_is_clean_and_clamd_receives_it_whole()
    {
        await using var clamd = FakeClamd.Start();
        var content = new byte[200_000]; // more than one 64 KB chunk
        Random.Shared.NextBytes(content);

        Assert.Equal(ScanVerdict.Clean, await Scanner(clamd.Address).ScanAsync(content, default));

        Assert.Equal(content, clamd.Received.Single());
        Assert.True(clamd.Chunks > 1);
    }

    [Fact]
    public async Task A_file_clamd_finds_a_signature_in_is_infected()
    {
        await using var clamd = FakeClamd.Start();

        Assert.Equal(ScanVerdict.Infected, await Scanner(clamd.Address).ScanAsync(Eicar, default));
    }

    [Fact]
    public async Task No_clamd_listening_means_the_file_could_not_be_scanned()
    {
        var port = ScaleOut.LocalPostgres.FreePort();

        Assert.Equal(ScanVerdict.Unavailable, await Scanner($"tcp://127.0.0.1:{port}").ScanAsync(TestFiles.Pdf(), default));
    }

    [Theory]
    [InlineData("stream: OK\0", ScanVerdict.Clean)]
    [InlineData("stream: Win.Test.EICAR_HDB-1 FOUND\0", ScanVerdict.Infected)]
    [InlineData("INSTREAM size limit exceeded. ERROR\0", ScanVerdict.Unavailable)]
    [InlineData("", ScanVerdict.Unavailable)]
    public void Clamds_answers_are_read_as_it_writes_them(string answer, ScanVerdict verdict) =>
        Assert.Equal(verdict, ClamAvScanner.Verdict(answer));

    [ClamdFact]
    public async Task A_real_clamd_finds_the_eicar_test_file_and_passes_a_receipt()
    {
        var scanner = Scanner(ClamdFactAttribute.Address!);

        Assert.Equal(ScanVerdict.Infected, await scanner.ScanAsync(Eicar, default));
        Assert.Equal(ScanVerdict.Clean, await scanner.ScanAsync(TestFiles.Pdf(), default));
    }

    private static ClamAvScanner Scanner(string address) => new(address, TimeSpan.FromSeconds(10), NullLogger<ClamAvScanner>.Instance);

    /// <summary>Speaks clamd's INSTREAM: checks the command, reads length-prefixed chunks to the zero length, then answers.</summary>
    private sealed class FakeClamd : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private Task _serving = Task.CompletedTask;

        public List<byte[]> Received { get; } = [];

        public int Chunks { get; private set; }

        public string Address => $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public static FakeClamd Start()
        {
            var clamd = new FakeClamd();
            clamd._listener.Start();
            clamd._serving = clamd.ServeAsync();
            return clamd;
        }

        private async Task ServeAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    await using var stream = client.GetStream();
                    var command = new byte[10];
                    await stream.ReadExactlyAsync(command, _stop.Token);
                    if (Encoding.ASCII.GetString(command) != "zINSTREAM\0")
                    {
                        await stream.WriteAsync("UNKNOWN COMMAND\0"u8.ToArray(), _stop.Token);
                        continue;
                    }

                    using var file = new MemoryStream();
                    var length = new byte[4];
                    while (true)
                    {
                        await stream.ReadExactlyAsync(length, _stop.Token);
                        var size = BinaryPrimitives.ReadInt32BigEndian(length);
                        if (size == 0)
                        {
                            break;
                        }

                        var chunk = new byte[size];
                        await stream.ReadExactlyAsync(chunk, _stop.Token);
                        file.Write(chunk);
                        Chunks++;
                    }

                    Received.Add(file.ToArray());
                    var infected = file.ToArray().AsSpan().IndexOf("EICAR-STANDARD-ANTIVIRUS-TEST-FILE"u8) >= 0;
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(infected ? "stream: Eicar-Signature FOUND\0" : "stream: OK\0"), _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _serving;
        }
    }
}

/// <summary>Runs only where clamd listens (CLAMD_ADDRESS, else Debian's unix socket or 127.0.0.1:3310); skipped elsewhere.</summary>
public sealed class ClamdFactAttribute : FactAttribute
{
    public static readonly string? Address = Find();

    public ClamdFactAttribute()
    {
        if (Address is null)
        {
            Skip = "clamd is not running here (install clamav-daemon, or set CLAMD_ADDRESS)";
        }
    }

    private static string? Find()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("CLAMD_ADDRESS"), "unix:/run/clamav/clamd.ctl", "tcp://127.0.0.1:3310" };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && Answers(c!));
    }

    private static bool Answers(string address)
    {
        try
        {
            using var socket = address.StartsWith("unix:", StringComparison.Ordinal)
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            EndPoint endpoint = address.StartsWith("unix:", StringComparison.Ordinal)
                ? new UnixDomainSocketEndPoint(address[5..])
                : new IPEndPoint(IPAddress.Loopback, new Uri(address).Port);
            if (!socket.ConnectAsync(endpoint).Wait(TimeSpan.FromMilliseconds(500)))
            {
                return false;
            }

            socket.Send("zPING\0"u8);
            var answer = new byte[16];
            socket.ReceiveTimeout = 1000;
            return Encoding.ASCII.GetString(answer, 0, socket.Receive(answer)).StartsWith("PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or AggregateException or IOException)
        {
            return false;
        }
    }
}
