using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using RefundBot.Bot.Channels.BotConnector;
using RefundBot.Bot.Hosting;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Outbox;

/// <summary>
/// Carries out committed outbox records outside the turn workers, as eShop's integration-event service publishes the
/// events saved with a change: one conversation's records one after another, in commit order; different conversations
/// side by side, each destination (a serviceUrl's host, Direct Line, the store) limited to
/// <see cref="OutboxOptions.ConcurrencyPerDestination"/> at once, so one slow or dead serviceUrl holds up its own
/// conversations and no other. A record is deleted once carried out, after the task its dispatch returned has ended (what
/// the turn's answer waits for), with <see cref="IDocumentStore.DeleteWithNextCommitAsync"/>, so that on LiteDB the delete
/// shares the next turn's commit; until the delete commits, the record stays in hand, so that this process does not carry
/// it out again. One that fails (its retries used up: a channel's by its
/// HTTP pipeline, a store write's here, with back-off) is a dead letter: logged, counted (<c>refundbot.outbox.dead_letters</c>), given to its handler (<see cref="IOutboxHandler.GiveUpAsync"/>) and deleted. On
/// start-up, records committed and not carried out (the process died) are carried out: at least once, so a reply keeps
/// the id it was committed with and the channel shows it once. A sweep every <see cref="OutboxOptions.SweepInterval"/>
/// carries out records older than <see cref="OutboxOptions.OrphanAge"/> that this process does not have in hand: those
/// of another instance that died and was never started again (scaled in), so nothing committed waits for a restart.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDocumentStore store, IEnumerable<IOutboxHandler> handlers, IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger,
    TimeProvider? clock = null)
    : IOutbox, IHostedService
{
    private static readonly Meter Meter = new(BotTelemetry.Name);
    private static readonly Counter<long> DeadLetters =
        Meter.CreateCounter<long>("refundbot.outbox.dead_letters", description: "Outbox records given up after their retries");

    private readonly Dictionary<string, IOutboxHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    private readonly ResiliencePipeline _retry = Retry(options.Value);
    private readonly ConversationDeliveries _conversations = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _destinations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    /// <summary>The records this process has been handed and not yet finished with (queued or under way).</summary>
    private readonly ConcurrentDictionary<string, byte> _inHand = new(StringComparer.Ordinal);

    /// <summary>The deletes of records carried out and not yet committed, by record key; each ends once its record is let go.</summary>
    private readonly ConcurrentDictionary<string, Task> _deleting = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly CancellationTokenSource _stopSweeping = new();
    private Task _sweeping = Task.CompletedTask;

    /// <summary>
    /// Each record goes to the lane its <see cref="OutboxRecord.ConversationKey"/> names, in order: a turn's replies to
    /// its conversation's, a refund to its case's (<c>payments/{case}</c>), so that a slow payment system holds up no
    /// reply, and the refund's answer, itself a turn of the conversation, never waits behind the record that asks for it.
    /// </summary>
    public Task Dispatch(IReadOnlyList<PendingOutboxRecord> records, IReplyDelivery? live) =>
        records.Select(r => r.Record.ConversationKey).Distinct(StringComparer.Ordinal).Count() <= 1
            ? Enqueue(records, live, options.Value.HoldBeforeDispatch)
            : Task.WhenAll(records.GroupBy(r => r.Record.ConversationKey, StringComparer.Ordinal)
                .Select(lane => Enqueue([.. lane], live, options.Value.HoldBeforeDispatch)));

    /// <summary>Carries out, in order, what earlier runs of the bot committed and did not carry out.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var pending = await store.ListAsync(OutboxKeys.Prefix, cancellationToken);
        foreach (var conversation in pending.Select(Read).OfType<PendingOutboxRecord>().GroupBy(r => r.Record.ConversationKey))
        {
            _ = Enqueue([.. conversation], null, TimeSpan.Zero);
        }

        if (pending.Count > 0)
        {
            LogRecovered(logger, pending.Count);
        }

        if (options.Value.SweepInterval > TimeSpan.Zero)
        {
            _sweeping = SweepEveryIntervalAsync(_stopSweeping.Token);
        }
    }

    /// <summary>
    /// Gives the records under way, then the deletes of those carried out, until the host's stop deadline; the records
    /// left (their deletes too) are carried out again on the next start, with their committed ids.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopSweeping.CancelAsync();
        await _sweeping.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _conversations.DrainAsync(cancellationToken);
        await DeletedAsync().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Ends once the deletes started so far have committed, or failed (for the tests, and <see cref="StopAsync"/>).</summary>
    internal Task DeletedAsync() => Task.WhenAll(_deleting.Values);

    /// <summary>
    /// Hands over the records older than <see cref="OutboxOptions.OrphanAge"/> that this process is not carrying out, a
    /// conversation's in commit order; returns how many. Another live instance's record stuck in its retries may be
    /// carried out twice: at least once, with its committed id, which channels de-duplicate.
    /// </summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var before = _clock.GetUtcNow() - options.Value.OrphanAge;
        var orphans = (await store.ListAsync(OutboxKeys.Prefix, cancellationToken))
            .Where(d => !_inHand.ContainsKey(d.Key) && CommittedAt(d.Key) is { } at && at <= before)
            .Select(Read).OfType<PendingOutboxRecord>()
            .ToList();
        foreach (var conversation in orphans.GroupBy(r => r.Record.ConversationKey))
        {
            _ = Enqueue([.. conversation], null, TimeSpan.Zero);
        }

        return orphans.Count;
    }

    private async Task SweepEveryIntervalAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    if (await SweepAsync(stopping) is var found and > 0)
                    {
                        LogSwept(logger, found);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogSweepFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>The turn time in a record's key (<see cref="OutboxKeys.For"/>: ".../{ticks}-{index}").</summary>
    private static DateTimeOffset? CommittedAt(string key)
    {
        var tail = key[(key.LastIndexOf('/') + 1)..];
        var dash = tail.IndexOf('-');
        return dash > 0 && long.TryParse(tail.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
    }

    /// <summary>
    /// Queues the records on their conversation's lane; a record this process has in hand already (a channel's retry
    /// while its first delivery is under way) is not queued twice: it would be carried out again once the first is done.
    /// </summary>
    private Task Enqueue(IReadOnlyList<PendingOutboxRecord> all, IReplyDelivery? live, TimeSpan hold)
    {
        var records = all.Where(record => _inHand.TryAdd(record.Key, 0)).ToList();
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _conversations.Enqueue(records[0].Record.ConversationKey, async () =>
        {
            try
            {
                if (hold > TimeSpan.Zero)
                {
                    await Task.Delay(hold, _conversations.Stopping);
                }

                foreach (var record in records)
                {
                    await CarryOutAsync(record, live, _conversations.Stopping);
                }
            }
            catch (OperationCanceledException)
            {
                // Shutting down: the records stay in the store for the next start.
            }
            finally
            {
                done.TrySetResult();
            }
        });
        return done.Task;
    }

    private async Task CarryOutAsync(PendingOutboxRecord pending, IReplyDelivery? live, CancellationToken stopping)
    {
        var (key, record) = pending;
        if (!_inFlight.TryAdd(key, 0))
        {
            return; // recovery and a live dispatch met on one record
        }

        try
        {
            await CarryOutOrGiveUpAsync(record, live, stopping);
        }
        catch
        {
            LetGo(key); // stopping: the record stays in the store for the next start
            throw;
        }

        DeleteAfterwards(key);
    }

    private async Task CarryOutOrGiveUpAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken stopping)
    {
        var handler = _handlers[record.Kind];
        var gate = _destinations.GetOrAdd(handler.DestinationOf(record), _ => new SemaphoreSlim(Math.Max(1, options.Value.ConcurrencyPerDestination)));
        await gate.WaitAsync(stopping);
        try
        {
            await _retry.ExecuteAsync(async ct => await handler.CarryOutAsync(record, live, ct), stopping);
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            LogDeadLetter(logger, exception, record.Kind, record.Reference.ChannelId);
            DeadLetters.Add(1, new KeyValuePair<string, object?>("kind", record.Kind), new KeyValuePair<string, object?>("channel", record.Reference.ChannelId));
            await GiveUpAsync(handler, record, exception, stopping);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Starts deleting a record carried out, without waiting for it: the customer's answer waits for the carrying out,
    /// not for the delete (on LiteDB, held up to its hold limit to share the next commit's fsync). The record stays in
    /// hand until the delete has committed, so that no sweep, recovery or channel retry of this process carries it out
    /// again meanwhile; a crash before then leaves it in the store, carried out again on the next start with its
    /// committed ids, which the channels de-duplicate, as a crash just before the delete always did.
    /// </summary>
    private void DeleteAfterwards(string key)
    {
        var deleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _deleting[key] = deleted.Task; // before the delete starts: a store may complete it at once
        _ = DeleteCarriedOutAsync(key, deleted);
    }

    private async Task DeleteCarriedOutAsync(string key, TaskCompletionSource deleted)
    {
        try
        {
            await store.DeleteWithNextCommitAsync(key, cancellationToken: CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogDeleteFailed(logger, exception); // left in the store: the sweep or the next start carries it out again
        }
        finally
        {
            _deleting.TryRemove(key, out _);
            LetGo(key);
            deleted.TrySetResult();
        }
    }

    /// <summary>The record is no longer this process's: a sweep, a recovery or a channel's retry may take it again.</summary>
    private void LetGo(string key)
    {
        _inFlight.TryRemove(key, out _);
        _inHand.TryRemove(key, out _);
    }

    private async Task GiveUpAsync(IOutboxHandler handler, OutboxRecord record, Exception failure, CancellationToken stopping)
    {
        try
        {
            await handler.GiveUpAsync(record, failure, stopping);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            LogGiveUpFailed(logger, exception, record.Kind);
        }
    }

    /// <summary>
    /// Retries a record whose carrying out failed for want of the store or another local step (a transient failure
    /// during a Direct Line push, an erasure), with exponential back-off and jitter, up to <see cref="OutboxOptions.MaxAttempts"/>
    /// attempts. A channel's HTTP failures are not retried again here: the connector's own pipeline did, honouring Retry-After.
    /// </summary>
    private static ResiliencePipeline Retry(OutboxOptions options) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
            Delay = options.RetryDelay,
            MaxDelay = options.MaxRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => exception is not (
                HttpRequestException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException or ServiceUrlRefusedException)),
        })
        .Build();

    private PendingOutboxRecord? Read(StoredDocument document)
    {
        try
        {
            return JsonSerializer.Deserialize<OutboxRecord>(document.Json, ActivityJson.Options) is { } record
                ? new PendingOutboxRecord(document.Key, record)
                : null;
        }
        catch (JsonException exception)
        {
            LogUnreadable(logger, exception);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox record of kind {Kind} was given up, and what its handler does then failed")]
    private static partial void LogGiveUpFailed(ILogger logger, Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox record of kind {Kind} on {ChannelId} was given up after its retries (dead letter)")]
    private static partial void LogDeadLetter(ILogger logger, Exception exception, string kind, string? channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Carrying out {Count} outbox record(s) committed before the last stop")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Carrying out {Count} outbox record(s) left by an instance that stopped")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox sweep failed; it runs again at its next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outbox record carried out could not be deleted; it will be carried out again, with its committed ids")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox record could not be read; it is left in the store")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
