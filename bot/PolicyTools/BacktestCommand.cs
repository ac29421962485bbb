using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using RefundBot.Bot.Hosting;
using RefundBot.Bot.Storage;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Analysis;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.PolicyTools;

/// <summary>
/// <c>policy backtest &lt;draft&gt; --days N</c>: the recorded cases of the draft's policy from the last N days, read
/// from the store the bot is configured with (appsettings, environment, <c>--Storage:Provider=PostgreSql</c>...), replayed
/// under the draft. It changes no case: the store is only read.
/// </summary>
internal static class BacktestCommand
{
    public static async Task<int> RunAsync(string folder, string[] options, TextWriter output, CancellationToken cancellationToken)
    {
        if (!int.TryParse(PolicyCommand.Option(options, "--days"), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days <= 0)
        {
            throw new UsageException("policy backtest needs --days N (a positive number of days)");
        }

        var now = PolicyCommand.Option(options, "--now") is { } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var given) ? given : throw new UsageException($"--now '{text}' is not an instant")
            : DateTimeOffset.UtcNow;
        var problems = new List<PolicyProblem>();
        if (PolicyLoader.Load(folder, problems) is not { } draft || problems.Count > 0)
        {
            problems.ForEach(p => output.WriteLine(p));
            output.WriteLine("the draft does not load: run `policy check` first");
            return 1;
        }

        var configuration = options.Where(o => o.StartsWith("--", StringComparison.Ordinal) && o.Contains(':')).ToArray();
        IReadOnlyList<RecordedCase> cases;
        try
        {
            cases = await ReadCasesAsync(configuration, now.AddDays(-days), cancellationToken);
        }
        catch (IOException exception)
        {
            // The bot holds its LiteDB file for itself while it runs.
            output.WriteLine($"the store cannot be read ({exception.Message}): if the bot is running on this LiteDB file, stop it first");
            return 1;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            output.WriteLine($"the store cannot be read: {exception.Message}");
            return 1;
        }

        Print(BacktestReportText.Write(PolicyBacktest.Run(draft, cases), draft.Id, days), output);
        return 0;
    }

    private static void Print(string text, TextWriter output) => output.Write(text);

    /// <summary>The store as the bot would open it with the same configuration, read once, closed.</summary>
    private static async Task<IReadOnlyList<RecordedCase>> ReadCasesAsync(string[] configuration, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(AppFolders.Options(configuration));
        var options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (options.IsPostgreSql)
        {
            await using var dataSource = NpgsqlDataSource.Create(options.PostgreSql
                ?? throw new InvalidOperationException("Storage:Provider is PostgreSql but Storage:PostgreSql (the connection string) is not set."));
            return await RecordedCases.ReadAsync(new PostgresDocumentStore(dataSource), since, cancellationToken);
        }

        if (!options.Provider.Equals("LiteDb", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Storage:Provider '{options.Provider}' keeps no cases to replay (LiteDb or PostgreSql)");
        }

        var path = Path.Combine(builder.Environment.ContentRootPath, options.LiteDbPath);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"no LiteDB store at {path} (Storage:LiteDbPath)");
        }

        using var store = new LiteDbDocumentStore(path);
        return await RecordedCases.ReadAsync(store, since, cancellationToken);
    }
}
