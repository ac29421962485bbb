using System.Net.Http.Json;
using Npgsql;
using RefundBot.Bot.Storage;
using RefundBot.Bot.Tests.ScaleOut;

namespace RefundBot.Bot.Tests.Payments;

/// <summary>
/// The bot killed with SIGKILL between the commit of a refund and its call to Stripe: the request was committed with
/// the decision as an outbox record under its idempotency key, so the restarted bot carries it out, and the fake
/// Stripe holds exactly one refund; the customer is told once it is issued.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RefundCrashTests(LocalPostgres postgres) : IAsyncLifetime
{
    private const string Conversation = "refund-kill-1";
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private FakeChannel _channel = null!;
    private FakeStripe _stripe = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _stripe = await FakeStripe.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _stripe.DisposeAsync();
        await _channel.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Killed_between_the_commit_of_a_refund_and_its_call_the_restarted_bot_refunds_exactly_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        var port = LocalPostgres.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:PostgreSql"] = database,
            ["RateLimits:RequestsPerClientPerMinute"] = "0",
            ["RateLimits:MessagesPerConversationPerMinute"] = "0",
            ["Policies:Default"] = "masecurite",
            ["Payments:Connector"] = "stripe",
            ["Payments:BotLimit"] = "200",
            ["Payments:Stripe:ApiKey"] = "sk_test_fake",
            ["Payments:Stripe:ApiBase"] = _stripe.ApiBase,
        };
        var bot = await BotProcess.StartAsync(port, new Dictionary<string, string>(settings) { ["Outbox:HoldBeforeDispatch"] = "00:05:00" });
        try
        {
            var turn = 0;
            foreach (var text in new[] { "I want a refund for order MS-1001, it doesn't work", "yes", "Withdrawing and getting my money back" })
            {
                Post(bot, text, $"m{++turn}"); // answered only once delivered: never, in this process
                await WaitForOutboxAsync(database, rows => rows.Count(r => KindOf(r.Json) == "reply") >= turn);
            }

            await WaitForOutboxAsync(database, rows => rows.Any(r => KindOf(r.Json) == "refund.execute"));
            bot.Kill();
        }
        finally
        {
            await bot.DisposeAsync();
        }

        Assert.Empty(_stripe.Requests); // committed, never called
        await using var restarted = await BotProcess.StartAsync(port, settings);
        while ((await _channel.NextReplyAsync(TimeSpan.FromSeconds(30))).Text?.StartsWith("**Your refund of €116.71 has been issued.**", StringComparison.Ordinal) != true)
        {
        }

        await Task.Delay(1000);
        var refund = Assert.Single(_stripe.Refunds);
        Assert.Equal(11671L, refund["amount"]!.GetValue<long>());
        Assert.Single(_stripe.Requests.Select(r => r.Key).Distinct());
        await WaitForOutboxAsync(database, rows => rows.Count == 0);
    }

    private void Post(BotProcess bot, string text, string id) =>
        _ = _http.PostAsJsonAsync(bot.BaseUrl + "/api/messages", EmulatorActivities.Message(_channel, Conversation, text, id))
            .ContinueWith(t => _ = t.Exception, TaskScheduler.Default); // the bot dies with it unanswered, as a channel would see

    private static string? KindOf(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("kind").GetString();

    private static async Task WaitForOutboxAsync(string database, Func<List<(string Key, string Json)>, bool> condition)
    {
        for (var i = 0; i < 600; i++)
        {
            if (condition(await OutboxRowsAsync(database)))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the outbox never got there");
    }

    private static async Task<List<(string Key, string Json)>> OutboxRowsAsync(string database)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand($"SELECT key, json FROM {PostgresDocumentStore.Table} WHERE key LIKE 'outbox/%'");
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<(string, string)>();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }

            return rows;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }
}
