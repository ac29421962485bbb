using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RefundBot.Bot.Storage;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;

namespace RefundBot.Bot.Tests.ScaleOut;

/// <summary>
/// The bot killed with SIGKILL while 32 conversations are mid-flow on PostgreSQL: after a restart every conversation
/// resumes at its step (the channel sends again what was not answered, with the same activity id), and every
/// conversation ends with exactly one case.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CrashSafetyTests(LocalPostgres postgres) : IAsyncLifetime
{
    private const int Conversations = 32;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _replies = new();

    /// <summary>The id of each reply received: one delivered again after the crash keeps its id, and a channel shows it once.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string? Id, string Text)>> _replyIds = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly CancellationTokenSource _stop = new();
    private FakeChannel _channel = null!;
    private Task _pump = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _pump = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var reply = await _channel.NextReplyAsync(TimeSpan.FromSeconds(1));
                    _replies.GetOrAdd(reply.ConversationId, _ => new()).Enqueue(reply.Text ?? "");
                    _replyIds.GetOrAdd(reply.ConversationId, _ => new()).Enqueue((reply.Activity.Id, reply.Text ?? ""));
                }
                catch (TimeoutException)
                {
                }
            }
        });
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        await _channel.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Killed_mid_flow_every_conversation_resumes_at_its_step_and_no_case_is_lost_or_doubled()
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
        var ids = Enumerable.Range(0, Conversations).Select(i => $"crash-{i}").ToList();
        var bot = await BotProcess.StartAsync(port, settings);
        try
        {
            await Task.WhenAll(ids.Select(async c =>
            {
                await SayAsync(bot, c, "hi", "m1", "What is your order ID?");
                await SayAsync(bot, c, $"A-{c[6..]}000", "m2", "When did you buy it?");
            }));

            // The third answers arrive one after another, and the bot is killed while it handles them: some are answered,
            // some are in its hands, the rest find it gone.
            var inFlight = new List<Task>();
            foreach (var c in ids)
            {
                inFlight.Add(PostAsync(bot, c, "yesterday", "m3"));
                await Task.Delay(10);
                if (ids.Count(i => Said(i, "Why would you like a refund?")) >= 4 && !bot.HasExited)
                {
                    bot.Kill();
                }
            }

            if (!bot.HasExited)
            {
                // A slow machine: all were sent before four were answered; the kill still comes while some are in hand.
                await WaitUntilAsync(() => ids.Any(i => Said(i, "Why would you like a refund?")));
                bot.Kill();
            }

            await Task.WhenAll(inFlight);
        }
        finally
        {
            await bot.DisposeAsync();
        }

        var answeredBeforeTheCrash = ids.Count(c => Said(c, "Why would you like a refund?"));
        Assert.InRange(answeredBeforeTheCrash, 1, Conversations - 1); // the crash did cut some turns

        await using var restarted = await BotProcess.StartAsync(port, settings);
        await Task.WhenAll(ids.Select(async c =>
        {
            if (!Said(c, "Why would you like a refund?"))
            {
                await SayAsync(restarted, c, "yesterday", "m3", "Why would you like a refund?"); // the channel's retry
            }

            await SayAsync(restarted, c, "It doesn't work", "m4", "Here is your request:");
            await SayAsync(restarted, c, "Yes, submit it", "m5", "recorded as case");
        }));

        var cases = await CaseConversationsAsync(database);
        Assert.Equal(ids.Select(c => $"emulator/conversations/{c}").Order(), cases.Order());
        // Asked once: the outbox is at least once, so a reply may be delivered again after the crash, with its id.
        Assert.All(ids, c => Assert.Single(_replyIds[c]
            .Where(r => r.Text.StartsWith("Why would you like a refund?", StringComparison.Ordinal)).Select(r => r.Id).Distinct()));
    }

    private async Task SayAsync(BotProcess bot, string conversation, string text, string id, string expected)
    {
        await PostAsync(bot, conversation, text, id);
        await WaitUntilAsync(() => Said(conversation, expected));
    }

    private async Task PostAsync(BotProcess bot, string conversation, string text, string id)
    {
        try
        {
            await _http.PostAsJsonAsync(bot.BaseUrl + "/api/messages", EmulatorActivities.Message(_channel, conversation, text, id));
        }
        catch (HttpRequestException)
        {
            // The bot died while handling it: no answer, as a channel would see.
        }
    }

    private bool Said(string conversation, string start) =>
        _replies.TryGetValue(conversation, out var texts) && texts.Any(t => t.Contains(start, StringComparison.Ordinal));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the expected replies did not arrive in 15 s");
    }

    /// <summary>The conversation of every case in the database, read with the bot's own case store.</summary>
    private static async Task<List<string>> CaseConversationsAsync(string database)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        var cases = new CaseStore(new PostgresDocumentStore(dataSource), NullLogger<CaseStore>.Instance);
        return (await cases.ListAsync(CancellationToken.None)).Select(c => c.ConversationKey).ToList();
    }
}
