using System.Text.Json;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// The turn pipeline every channel shares: load the conversation's state, let the bot handle the activity, then commit,
/// in one <see cref="IDocumentStore.CommitAsync"/> guarded by the state's ETag, the state (with the turn's transcript
/// lines), everything the turn recorded in its <see cref="UnitOfWork"/> (case changes, tickets, transcript archives) and
/// the outbox records of what must follow (its replies' delivery, an erasure). A commit that loses an ETag race writes
/// nothing; the turn runs again on fresh state, so concurrent turns never overwrite each other and a rerun never
/// repeats a change. Once committed, the records go to the <see cref="IOutbox"/>, which carries them out outside the
/// turn workers, at least once. An inbound activity whose id the state already records (a channel's retry) is not handled again,
/// nor answered again: its replies were committed with the turn (as an outbox record the outbox delivers, or, for a
/// channel that keeps replies in the store, <see cref="ICommittedReplyDelivery"/>, as writes of the commit itself).
/// </summary>
public sealed partial class TurnProcessor(
    IDocumentStore store,
    IConversationBot bot,
    TranscriptLog transcripts,
    BotTexts texts,
    TimeProvider clock,
    IOutbox outbox,
    ILogger<TurnProcessor> logger)
{
    private const int MaxAttempts = 10; // several instances, an agent and a customer may all write one conversation at once
    private const int RememberedActivityIds = 16;

    /// <summary>Handles the turn and delivers its replies (<see cref="CommitAsync"/>, then <see cref="TurnReplies.DeliverAsync"/>).</summary>
    public async Task ProcessAsync(Activity activity, IReplyDelivery delivery, CancellationToken cancellationToken)
    {
        var replies = await CommitAsync(activity, delivery, cancellationToken);
        await replies.DeliverAsync(cancellationToken);
    }

    /// <summary>
    /// Handles the turn up to its saved state and its after-save actions. What it has to say comes back undelivered, so
    /// that a slow or dead channel holds up only its own conversation's deliveries, never the worker that runs turns.
    /// </summary>
    public async Task<TurnReplies> CommitAsync(Activity activity, IReplyDelivery delivery, CancellationToken cancellationToken)
    {
        using var trace = BotTelemetry.Traces.StartActivity("turn");
        trace?.SetTag("refundbot.channel", activity.ChannelId);
        trace?.SetTag("refundbot.activity_type", activity.Type);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await HandleAsync(activity, delivery, cancellationToken);
        }
        finally
        {
            BotTelemetry.TurnDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("channel", activity.ChannelId), new KeyValuePair<string, object?>("type", activity.Type));
        }
    }

    private async Task<TurnReplies> HandleAsync(Activity activity, IReplyDelivery delivery, CancellationToken cancellationToken)
    {
        var key = StateKeys.Conversation(activity);
        // The turn happens when the server receives it: a channel's or a client's timestamp is a claim, and a refund window
        // judged by it would be the customer's to choose. Their time zone still comes from the activity (localTimezone).
        var now = clock.GetUtcNow();
        activity.Timestamp = now;
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.ReadAsync(key, cancellationToken);
            var state = stored is null ? new ConversationState() : Deserialize(stored.Json);
            if (delivery is ICommittedReplyDelivery storing)
            {
                await storing.PrepareAsync(activity, cancellationToken);
            }

            if (state.ErasureConfirmed)
            {
                await EraseAsConfirmedBeforeAsync(key, activity, state, stored!, now, delivery, cancellationToken);
                continue; // the turn runs on what is left: nothing of the forgotten conversation
            }

            if (IsHandled(activity, state))
            {
                // A channel's retry, or on a later attempt the instance that won the race handled this very activity: its
                // replies are in the outbox, committed with it, and are (or will be) delivered from there, once.
                LogDuplicate(logger, activity.ChannelId, activity.Type);
                return attempt == 1 ? await RetriedAsync(key, activity, delivery, cancellationToken) : TurnReplies.None(key, activity);
            }

            var watchedBefore = bot.IsWatched(state);
            var language = state.Language ?? BotTexts.DefaultLanguage;
            var turn = new TurnContext(activity, state, now, texts);
            try
            {
                await bot.OnTurnAsync(turn, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The conversation keeps its last saved state; the customer is told, in their language, to try again.
                LogTurnFailed(logger, exception, activity.ChannelId, activity.Type);
                BotTelemetry.TurnErrors.Add(1, new KeyValuePair<string, object?>("channel", activity.ChannelId));
                System.Diagnostics.Activity.Current?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
                return activity.IsMessage
                    ? new TurnReplies(key, activity, [activity.CreateReply(texts.Get(language, "error.turnFailed"))], delivery, null)
                    : TurnReplies.None(key, activity);
            }

            var committedReplies = delivery is ICommittedReplyDelivery && turn.Replies.Count > 0;
            if (delivery is ICommittedReplyDelivery committed)
            {
                // The channel stores them itself: they are writes of this commit, with the ids the channel gives them.
                await committed.RecordAsync(activity, turn.Replies, turn.Work, cancellationToken);
            }

            foreach (var reply in turn.Replies)
            {
                reply.Id ??= NewReplyId(); // kept in the outbox record: a channel sent it twice after a crash shows it once
            }

            Remember(activity, state);
            var lines = TranscriptLog.LinesOf(activity, turn.Replies, now);
            transcripts.Add(key, state, lines, turn.Work);
            // While a person is involved (and on the turn that ends it), the desk sees the lines as they are said.
            TranscriptLog.Publish(activity, lines, live: watchedBefore || bot.IsWatched(state), turn.Work);
            var records = OutboxRecords(key, activity, turn, now, deliverReplies: !committedReplies);
            try
            {
                await SaveAsync(key, state, stored, turn.Work, records, cancellationToken);
            }
            catch (ETagConflictException) when (attempt < MaxAttempts)
            {
                LogConflict(logger, activity.ChannelId, attempt);
                if (attempt > 1)
                {
                    // Writers that keep colliding are spread out a little, so one of them gets through.
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken);
                }

                continue;
            }

            await AfterCommitAsync(turn, cancellationToken);
            return new TurnReplies(key, activity, [.. turn.Replies], delivery, Dispatch(records, turn.Work.OutboxAfterReplies.Count, delivery));
        }
    }

    /// <summary>
    /// A channel sends an activity again only when its first post went unanswered: the instance that handled it died (or
    /// stalls) before delivering. Its replies, still in the outbox, are carried out now, with the ids they were committed
    /// with, and the retry is answered once they are out: the instance that handled it may never come back, and the
    /// orphan sweep would find them only after <c>Outbox:OrphanAge</c>. Replies already delivered are not sent again.
    /// </summary>
    private async Task<TurnReplies> RetriedAsync(string key, Activity activity, IReplyDelivery delivery, CancellationToken cancellationToken)
    {
        var undelivered = new List<PendingOutboxRecord>();
        foreach (var document in await store.ListAsync($"{OutboxKeys.Prefix}{key}/", cancellationToken))
        {
            if (JsonSerializer.Deserialize<OutboxRecord>(document.Json, ActivityJson.Options) is { Kind: OutboxKinds.Reply } record
                && record.ActivityId == activity.Id)
            {
                undelivered.Add(new PendingOutboxRecord(document.Key, record));
            }
        }

        if (undelivered.Count == 0)
        {
            return TurnReplies.None(key, activity);
        }

        LogRetryDelivers(logger, activity.ChannelId, undelivered.Count);
        return new TurnReplies(key, activity, [], delivery, outbox.Dispatch(undelivered, delivery));
    }

    /// <summary>
    /// The turn's own outbox records, then the delivery of its replies (an erasure goes before its confirmation), unless
    /// the channel stored them in the commit itself (<see cref="ICommittedReplyDelivery"/>), then what must not hold
    /// them up (the desk's transcript lines, a hand-off's announcement).
    /// </summary>
    private static List<PendingOutboxRecord> OutboxRecords(string key, Activity activity, TurnContext turn, DateTimeOffset now, bool deliverReplies)
    {
        var records = new List<OutboxRecord>(turn.Work.Outbox);
        if (deliverReplies && turn.Replies.Count > 0)
        {
            records.Add(new OutboxRecord
            {
                Kind = OutboxKinds.Reply,
                ConversationKey = key,
                Reference = ConversationReference.From(activity),
                ActivityId = activity.Id,
                Replies = [.. turn.Replies],
            });
        }

        records.AddRange(turn.Work.OutboxAfterReplies);
        var turnId = activity.Id ?? Guid.NewGuid().ToString("N");
        return [.. records.Select((record, i) => new PendingOutboxRecord(OutboxKeys.For(key, now, i, turnId), record))];
    }

    /// <summary>
    /// Hands the committed records to the outbox, in order; the task returned (what the turn's channel waits for) ends
    /// with the replies' delivery, not with the last <paramref name="afterReplies"/> records (a slow support channel).
    /// </summary>
    private Task Dispatch(List<PendingOutboxRecord> records, int afterReplies, IReplyDelivery delivery)
    {
        var first = records.Count - afterReplies;
        var carried = first > 0 ? outbox.Dispatch(records[..first], delivery) : Task.CompletedTask;
        if (afterReplies > 0)
        {
            _ = outbox.Dispatch(records[first..], delivery); // never faults
        }

        return carried;
    }

    /// <summary>
    /// A "forget me" confirmed under a version before the outbox (<see cref="ConversationState.ErasureConfirmed"/>) and
    /// not carried out: its erasure is committed as an outbox record, with the flag cleared, and carried out before the
    /// turn goes on. Its key sorts before this turn's own records. A conflict means another turn got there first.
    /// </summary>
    private async Task EraseAsConfirmedBeforeAsync(
        string key, Activity activity, ConversationState state, StoredDocument stored, DateTimeOffset now, IReplyDelivery delivery,
        CancellationToken cancellationToken)
    {
        state.ErasureConfirmed = false;
        PendingOutboxRecord[] records =
            [new(OutboxKeys.For(key, now.AddTicks(-1), 0), OutboxRecord.Erasure(key, state.Reference ?? ConversationReference.From(activity), null))];
        try
        {
            await SaveAsync(key, state, stored, new UnitOfWork(), records, cancellationToken);
        }
        catch (ETagConflictException)
        {
            return;
        }

        LogConfirmedBefore(logger, activity.ChannelId);
        await outbox.Dispatch(records, delivery);
    }

    /// <summary>In-process notices of the committed turn; one that fails is logged, never the customer's problem.</summary>
    private async Task AfterCommitAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        foreach (var action in turn.Work.AfterCommitActions)
        {
            try
            {
                await action(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogNoticeFailed(logger, exception);
            }
        }
    }

    private static string NewReplyId() => "r-" + ETags.New();

    private static bool IsHandled(Activity activity, ConversationState state) =>
        !string.IsNullOrEmpty(activity.Id) && state.HandledActivityIds.Contains(activity.Id);

    private static void Remember(Activity activity, ConversationState state)
    {
        if (string.IsNullOrEmpty(activity.Id))
        {
            return;
        }

        state.HandledActivityIds.Add(activity.Id);
        if (state.HandledActivityIds.Count > RememberedActivityIds)
        {
            state.HandledActivityIds.RemoveAt(0);
        }

        state.LastReplies = null; // kept by the outbox until delivered, no longer in the state
    }

    /// <summary>
    /// Commits the state, guarded by the ETag it was read with, together with the turn's writes and outbox records;
    /// a turn that changed nothing writes nothing.
    /// </summary>
    private async Task SaveAsync(
        string key, ConversationState state, StoredDocument? stored, UnitOfWork work, IReadOnlyList<PendingOutboxRecord> records,
        CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(state, ActivityJson.Options);
        if (json == stored?.Json && work.Writes.Count == 0 && records.Count == 0)
        {
            return;
        }

        await store.CommitAsync(
        [
            .. work.Writes,
            .. records.Select(r => DocumentWrite.Put(r.Key, InlineOutbox.Serialize(r.Record), null)),
            DocumentWrite.Put(key, json, stored?.ETag),
        ], cancellationToken);
    }

    private static ConversationState Deserialize(string json) =>
        JsonSerializer.Deserialize<ConversationState>(json, ActivityJson.Options) ?? new ConversationState();

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ChannelId} {ActivityType} turn failed; the conversation keeps its last saved state")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? channelId, string? activityType);

    [LoggerMessage(Level = LogLevel.Information, Message = "A {ChannelId} {ActivityType} was received again and not handled twice; its replies are the outbox's")]
    private static partial void LogDuplicate(ILogger logger, string? channelId, string? activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {ChannelId} activity sent again had {Count} reply record(s) not yet delivered; they are carried out now")]
    private static partial void LogRetryDelivers(ILogger logger, string? channelId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A {ChannelId} conversation's 'forget me', confirmed under an earlier version, is carried out now")]
    private static partial void LogConfirmedBefore(ILogger logger, string? channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notice of a committed turn failed; the turn is committed")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State conflict on a {ChannelId} conversation (attempt {Attempt}); retrying the turn on fresh state")]
    private static partial void LogConflict(ILogger logger, string? channelId, int attempt);
}
