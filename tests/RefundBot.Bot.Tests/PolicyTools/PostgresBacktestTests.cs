using RefundBot.Bot.PolicyTools;
using RefundBot.Bot.Storage;
using RefundBot.Bot.Tests.ScaleOut;

namespace RefundBot.Bot.Tests.PolicyTools;

/// <summary><c>policy backtest</c> on PostgreSQL: the same seeded cases, the same report as on LiteDB.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBacktestTests(LocalPostgres postgres) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Backtest_reads_the_recorded_cases_from_PostgreSQL_and_reports_what_the_draft_changes()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString))
        {
            await PostgresDocumentStore.MigrateAsync(dataSource);
            await BacktestSeeds.SaveAsync(new PostgresDocumentStore(dataSource));
        }

        using var output = new StringWriter();
        var code = await PolicyCommand.RunAsync(["backtest", BacktestSeeds.Draft(_temp, "calendarDays: 30", "calendarDays: 14"),
            "--days", "45", "--now", BacktestSeeds.Now.ToString("O"), "--Storage:Provider=PostgreSql", $"--Storage:PostgreSql={connectionString}"], output);

        Assert.Equal(0, code);
        BacktestSeeds.AssertReport(output.ToString());
    }
}
