using System.Net.Http.Json;
using Npgsql;
using RefundBot.Bot.Storage;

namespace RefundBot.Bot.Tests.ScaleOut;

/// <summary>
/// The bot killed with SIGKILL between a turn's commit and its deliveries: the replies were committed with the turn
/// as an outbox record, so the restarted bot delivers them, with the id they were committed with, and the channel's
/// retry of the activity is not answered a second time. Before, the replies lived only in the dying process.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OutboxRecoveryTests(LocalPostgres postgres) : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private FakeChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Killed_between_a_commit_and_its_deliveries_the_restarted_bot_delivers_them_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        var port = LocalPostgres.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:PostgreSql"] = database,
            ["RateLimits:RequestsPerClientPerMinute"] = "0",
            ["RateLimits:MessagesPerConversationPerMinute"] = "0",
        };
        var bot = await BotProcess.StartAsync(port, new Dictionary<string, string>(settings) { ["Outbox:HoldBeforeDispatch"] = "00:05:00" });
        string committedId;
        try
        {
            var posted = PostAsync(bot, "hi", "m1"); // answered only once delivered: never, in this process
            committedId = await CommittedReplyIdAsync(database, "emulator/conversations/kill-1");
            bot.Kill();
            await posted;
        }
        finally
        {
            await bot.DisposeAsync();
        }

        Assert.False(_channel.HasPendingReply, "a reply went out before the kill");
        await using var restarted = await BotProcess.StartAsync(port, settings);
        var delivered = new List<ReceivedReply> { await _channel.NextReplyAsync(TimeSpan.FromSeconds(15)) };
        while (delivered[^1].Text?.StartsWith("What is your order ID?", StringComparison.Ordinal) != true)
        {
            delivered.Add(await _channel.NextReplyAsync(TimeSpan.FromSeconds(5)));
        }

        await PostAsync(restarted, "hi", "m1"); // the channel's retry: its first post was never answered

        Assert.StartsWith("Hi, I'm the ", delivered[0].Text);
        Assert.Equal(committedId, delivered[0].Activity.Id);
        await Task.Delay(500);
        Assert.False(_channel.HasPendingReply, "the reply was delivered twice");
        Assert.Empty(await OutboxRowsAsync(database));
    }

    private async Task PostAsync(BotProcess bot, string text, string id)
    {
        try
        {
            await _http.PostAsJsonAsync(bot.BaseUrl + "/api/messages", EmulatorActivities.Message(_channel, "kill-1", text, id));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            // The bot died while handling it: no answer, as a channel would see.
        }
    }

    /// <summary>Waits for the turn's outbox record to be committed; returns the id of the first reply it holds.</summary>
    private static async Task<string> CommittedReplyIdAsync(string database, string conversationKey)
    {
        for (var i = 0; i < 300; i++)
        {
            var rows = await OutboxRowsAsync(database);
            if (rows.FirstOrDefault(r => r.Key.StartsWith($"outbox/{conversationKey}/", StringComparison.Ordinal)) is { Json: { } json })
            {
                return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("replies")[0].GetProperty("id").GetString()!;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the turn was never committed");
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
            return []; // not migrated yet
        }
    }
}
