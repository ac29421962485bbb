using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RefundBot.Bot.Tests.ScaleOut;

/// <summary>
/// A throwaway PostgreSQL cluster on loopback, from Debian's packages (initdb + pg_ctl), for the tests that need a real
/// database. Started once per test collection; each test class takes a database of its own. PostgreSQL refuses to run
/// as root, so under root (CI) the cluster runs as the 'postgres' user the package creates.
/// </summary>
public sealed class LocalPostgres : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("refundbot-pg-").FullName;
    private string _binaries = "";
    private int _port;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Timeout=5;Command Timeout=10";

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task InitializeAsync()
    {
        _binaries = FindBinaries();
        _port = FreePort();
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", _directory);
        }

        var data = Path.Combine(_directory, "data");
        await RunAsPostgresAsync("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8");
        await RunAsPostgresAsync("pg_ctl", "-D", data, "-l", Path.Combine(_directory, "log"), "-w", "-o",
            $"-p {_port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off -c synchronous_commit=off -c max_connections=200", "start");
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync("pg_ctl", "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task RunAsPostgresAsync(string tool, params string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binaries, tool), .. arguments])
            : RunAsync(Path.Combine(_binaries, tool), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }

    /// <summary>Debian installs the server under /usr/lib/postgresql/VERSION/bin, off the PATH.</summary>
    private static string FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException("PostgreSQL's initdb and pg_ctl were not found: install Debian's 'postgresql' package (.ci/run does).");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<LocalPostgres>
{
    public const string Name = "PostgreSQL";
}
