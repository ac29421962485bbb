using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;

/// <summary>
/// The scale-out scenario: N conversations spread turn by turn over two instances on one PostgreSQL (as a load balancer
/// without sticky sessions would), each doing the intake and submitting its case (5 turns). At --kill-at seconds the
/// first instance is killed with SIGKILL; from then on the driver, like a channel, sends what was not answered again,
/// with the same activity id, to the instance left. Reports conversations completed and lost, cases missing and
/// duplicated (from the database), and turns/s before and after the kill.
/// </summary>
internal static class FailoverLoad
{
    // Step 1 (the order ID) is given per conversation (OrderIdOf): the bot keeps one case per order, so a second
    // conversation about an order that already has a case is asked for that case's ID, not for the purchase date.
    private static readonly string[] Inputs = ["hi", "", "yesterday", "it doesn't work", "Yes, submit it"];
    private static readonly string[] Expected = ["What is your order ID?", "When did you buy it?", "Why would you like a refund?", "Here is your request:", "recorded as case"];
    private const int Attempts = 5;

    public static async Task<string> RunAsync(
        string[] targets, int killPid, double killAt, double seconds, int concurrency, string postgres,
        EmulatorChannel channel)
    {
        var alive = targets.ToList();
        var clock = Stopwatch.StartNew();
        var turnTimes = new ConcurrentBag<double>();
        var completed = new ConcurrentBag<string>();
        var lost = 0;
        var retried = 0;
        var next = 0;
        var killer = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(killAt));
            Process.GetProcessById(killPid).Kill(); // SIGKILL
            lock (alive)
            {
                alive.Remove(targets[0]);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            // A conversation under way when the time is up is finished, so each one started is either completed or lost.
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var conversation = "failover-" + Guid.NewGuid().ToString("N");
                var step = 0;
                for (; step < Inputs.Length; step++)
                {
                    // One wait for the turn's reply across its posts: a reply delivered by an instance that died before
                    // its 202 answers the turn (the channel shows it), and the retry, rightly, is not answered again.
                    using var reply = channel.Expect(conversation, Expected[step]);
                    var answered = false;
                    for (var attempt = 1; attempt <= Attempts && !answered; attempt++)
                    {
                        if (attempt > 1)
                        {
                            Interlocked.Increment(ref retried);
                        }

                        answered = await TryTurnAsync(Pick(), conversation, step, reply);
                    }

                    if (!answered)
                    {
                        break;
                    }

                    turnTimes.Add(clock.Elapsed.TotalSeconds);
                }

                if (step == Inputs.Length)
                {
                    completed.Add(conversation);
                }
                else
                {
                    Interlocked.Increment(ref lost);
                }
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        await killer;

        var cases = await CaseConversationsAsync(postgres);
        var before = turnTimes.Count(t => t < killAt);
        return JsonSerializer.Serialize(new
        {
            label = "failover",
            instances = targets.Length,
            concurrency,
            seconds = Math.Round(elapsed, 1),
            killedAtSeconds = killAt,
            conversationsCompleted = completed.Count,
            conversationsLost = lost,
            casesMissing = completed.Count(c => !cases.Contains($"emulator/conversations/{c}")),
            casesDuplicated = cases.Count - cases.Distinct().Count(),
            turnsRetried = retried,
            turnsPerSecondBefore = Math.Round(before / killAt, 1),
            turnsPerSecondAfter = Math.Round((turnTimes.Count - before) / (elapsed - killAt), 1),
        });

        string Pick()
        {
            lock (alive)
            {
                return alive[Interlocked.Increment(ref next) % alive.Count];
            }
        }

        async Task<bool> TryTurnAsync(string target, string conversation, int step, ExpectedReply reply)
        {
            try
            {
                var input = step == 1 ? OrderIdOf(conversation) : Inputs[step];
                await channel.PostAsync(target + "/api/messages", conversation, $"{conversation}-{step}", input);
                await reply.Arrived.WaitAsync(TimeSpan.FromSeconds(5));
                return true;
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                // The instance died with it (answered all the same if its reply went out first), or its answer never came: sent again.
                return reply.Arrived.IsCompleted;
            }
        }
    }

    private static async Task<List<string>> CaseConversationsAsync(string postgres)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres);
        await using var command = dataSource.CreateCommand("SELECT json FROM refundbot_documents WHERE key LIKE 'cases/%'");
        await using var reader = await command.ExecuteReaderAsync();
        var conversations = new List<string>();
        while (await reader.ReadAsync())
        {
            conversations.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.GetProperty("conversationKey").GetString()!);
        }

        return conversations;
    }

    private static int _orders = 100_000;

    /// <summary>An order ID of the conversation's own (a letter code and digits, as the bot reads them), so no two share a case.</summary>
    private static string OrderIdOf(string conversation) =>
        OrderIds.GetOrAdd(conversation, _ => $"A-{Interlocked.Increment(ref _orders)}");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> OrderIds = new(StringComparer.Ordinal);
}
