using RefundBot.Bot.PolicyTools;
using RefundBot.Bot.Storage;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace RefundBot.Bot.Tests.PolicyTools;

/// <summary>
/// <c>dotnet run --project bot -- policy ...</c> (issue 25): the command line over the analysis, its exit codes, and
/// the backtest reading the recorded cases from the configured store (LiteDB here; PostgreSQL in
/// <see cref="PostgresBacktestTests"/>).
/// </summary>
public sealed class PolicyCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Check_of_a_real_policy_exits_0_and_of_a_broken_one_exits_1_with_each_problem_at_its_file_and_line()
    {
        var draft = BacktestSeeds.Draft(_temp, "calendarDays: 30", "calendarDays: 30\n        bad: true");

        var (good, goodOutput) = await RunAsync("check", BacktestSeeds.Published);
        var (broken, brokenOutput) = await RunAsync("check", draft);

        Assert.Equal((0, "0 error(s), 0 warning(s), 0 allowed"), (good, goodOutput.Trim()));
        Assert.Equal(1, broken);
        Assert.Matches(@"masecurite/policy\.yaml:\d+: error invalid: ", brokenOutput);
    }

    [Fact]
    public async Task Test_runs_the_examples_the_policy_ships_and_exits_1_on_a_failure()
    {
        var draft = BacktestSeeds.Draft(_temp, "calendarDays: 30", "calendarDays: 14");

        var (passed, passedOutput) = await RunAsync("test", BacktestSeeds.Published);
        var (failed, failedOutput) = await RunAsync("test", draft);

        Assert.Equal(0, passed);
        Assert.EndsWith("8 passed, 0 failed", passedOutput.Trim());
        Assert.Equal(1, failed);
        Assert.Contains("FAIL 30 calendar days from the subscription: day 30 is inside", failedOutput);
        Assert.Contains("decided by rule 'after-window-fix-first'", failedOutput);
    }

    [Fact]
    public async Task Backtest_reads_the_recorded_cases_of_the_last_days_from_the_LiteDB_store_and_reports_what_the_draft_changes()
    {
        var path = _temp.File("refundbot.db");
        using (var store = new LiteDbDocumentStore(path))
        {
            await BacktestSeeds.SaveAsync(store);
        }

        var (code, output) = await RunAsync("backtest", BacktestSeeds.Draft(_temp, "calendarDays: 30", "calendarDays: 14"),
            "--days", "45", "--now", BacktestSeeds.Now.ToString("O"), "--Storage:Provider=LiteDb", $"--Storage:LiteDbPath={path}");

        Assert.Equal(0, code);
        BacktestSeeds.AssertReport(output);
    }

    [Fact]
    public async Task Backtest_without_a_store_says_so_and_exits_1()
    {
        var (code, output) = await RunAsync("backtest", BacktestSeeds.Published, "--days", "7", $"--Storage:LiteDbPath={_temp.File("none.db")}");

        Assert.Equal(1, code);
        Assert.Contains("no LiteDB store at", output);
        Assert.False(File.Exists(_temp.File("none.db")));
    }

    [Theory]
    [InlineData("backtest", "x")]
    [InlineData("new", "shop")]
    [InlineData("unknown")]
    public async Task A_command_line_that_cannot_be_read_prints_the_usage_and_exits_2(params string[] args)
    {
        var (code, output) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("usage:", output);
    }

    [Fact]
    public async Task New_scaffolds_the_folder_from_a_text_and_never_writes_over_an_existing_one()
    {
        var text = _temp.File("policy.txt");
        await File.WriteAllTextAsync(text, "Refund Policy\n\n1. Returns\n\nReturns are accepted within 14 days of purchase.\n");
        var into = Path.Combine(_temp.Path, "drafts");

        var (code, output) = await RunAsync("new", "shop", "--from", text, "--into", into);
        var (again, againOutput) = await RunAsync("new", "shop", "--from", text, "--into", into);

        Assert.Equal(0, code);
        Assert.Equal(["brand.yaml", "policy.en.md", "policy.fr.md", "policy.yaml", "reasons.yaml"],
            Directory.GetFiles(Path.Combine(into, "shop")).Select(Path.GetFileName).Order());
        Assert.Contains("source language: en", output);
        Assert.Equal(2, again);
        Assert.Contains("already exists", againOutput);
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await PolicyCommand.RunAsync(args, output);
        return (code, output.ToString());
    }
}

/// <summary>
/// The backtest's seeded cases: MaSécurité refunds of €120 (annual plan, nothing used) asked on each day from the day of
/// the subscription (day 0) to day 40, recorded as the bot decided them under the published 30-day policy, and one
/// case asked 60 days ago. Past day 30 the bot asked why (none of the listed situations): cancellation at the end of the
/// period. The draft counts 14 days.
/// </summary>
internal static class BacktestSeeds
{
    public static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.FromHours(2));

    public static string Published => Path.Combine(AppContext.BaseDirectory, "policy-content", "masecurite");

    /// <summary>A copy of masecurite with one change, in a folder of that name.</summary>
    public static string Draft(TempDirectory temp, string old, string replacement)
    {
        var folder = Path.Combine(temp.Path, "draft", "masecurite");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Published))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var rules = Path.Combine(folder, PolicyLoader.RulesFile);
        File.WriteAllText(rules, File.ReadAllText(rules).Replace(old, replacement));
        return folder;
    }

    public static async Task SaveAsync(IDocumentStore store)
    {
        var policy = PolicyLoader.Load(Published, []) ?? throw new InvalidOperationException("masecurite does not load");
        var cases = new CaseStore(store, NullLogger<CaseStore>.Instance);
        foreach (var (day, askedAt) in Enumerable.Range(0, 41).Select(d => (d, Now.AddHours(-d % 5)))
            .Append((0, Now.AddDays(-60))))
        {
            await cases.SaveAsync(Decided(policy, day, askedAt));
        }
    }

    /// <summary>What the report must say: exactly the cases of days 15 to 30 change, each €120 less, and why.</summary>
    public static void AssertReport(string output)
    {
        var changed = output.Split('\n').Where(l => l.StartsWith("  RB-", StringComparison.Ordinal)).ToList();

        Assert.Contains("masecurite: 41 case(s) of the last 45 day(s) replayed under the draft, 16 changed", output);
        Assert.Contains("refunded: 3720.00 EUR before, 1800.00 EUR after (-1920.00 EUR)", output);
        Assert.Contains("escalations to a person: 0 before, 0 after", output);
        Assert.Equal(Enumerable.Range(15, 16).Select(d => $"  RB-DAY{d:00}"), changed.Select(l => l[..10]).Order());
        Assert.All(changed, l => Assert.EndsWith(
            ": full-refund → more-facts-needed (rule withdrawal → after-window-fix-first), refund 120.00 EUR → -; the draft would first ask for after_window_reason, troubleshooting_outcome", l.TrimEnd('\r')));
    }

    private static RefundCase Decided(Policy policy, int day, DateTimeOffset askedAt)
    {
        var purchase = DateOnly.FromDateTime(askedAt.DateTime).AddDays(-day);
        var facts = new Dictionary<string, string>
        {
            ["purchase_date"] = purchase.ToString("yyyy-MM-dd"), ["request_type"] = "refund", ["plan"] = "annual", ["amount_paid"] = "120",
            ["installation_fee"] = "0", ["days_used"] = "0", ["hardware_received"] = "false",
        };
        if (day > 30)
        {
            facts["after_window_reason"] = "none"; // asked by the bot once the window was over
        }

        var values = facts.ToDictionary(f => f.Key, f => FactReader.Read(policy.Fact(f.Key)!, f.Value, out _)!);
        var decision = EligibilityEngine.Decide(policy, new FactValues(values), askedAt);
        var id = askedAt < Now.AddDays(-45) ? "RB-OLD" : $"RB-DAY{day:00}";
        var submitted = new RefundCase
        {
            Id = id, ConversationKey = $"test/{id}", CreatedAt = askedAt, RequestedAt = askedAt, Language = "en", OrderId = $"MS-{day:0000}",
            PurchaseDate = purchase, Reason = "changed my mind", ReasonCategory = "other",
        };
        return submitted.WithDecision(policy.Id, facts, decision, askedAt) ?? throw new InvalidOperationException("not decided");
    }
}
