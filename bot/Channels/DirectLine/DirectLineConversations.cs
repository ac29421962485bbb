using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Privacy;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Bot.Storage;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>A Direct Line conversation: who it is for and what the site chose for it (policy, language).</summary>
public sealed record DirectLineConversation(
    string Id,
    string? UserId,
    string? Policy,
    string? Locale,
    string? Site,
    bool Started,
    DateTimeOffset CreatedAt);

/// <summary>What a client receives: a set of activities and the watermark to ask from next time.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string Watermark);

/// <summary>
/// Direct Line conversations and their activities. Activities are kept in the bot's store, one document each under
/// <c>directline/{conversationId}/{sequence}</c>, so a client that reconnects (or reloads the page, or comes back
/// after a restart) gets everything after its watermark. Live clients are pushed new activities as they arrive; with
/// more than one instance, the <see cref="IDirectLineBackplane"/> tells the others, so a client connected to one instance
/// gets the replies another one produced. What an instance remembers per conversation is bounded: the last sequence
/// and recent client ids of the conversations lately active (<see cref="DirectLineOptions.ConversationsRemembered"/>),
/// a fixed set of append gates shared by hashing, and the listeners of the clients connected now.
/// </summary>
public sealed partial class DirectLineConversations(
    IDocumentStore store, IDirectLineBackplane backplane, IOptions<DirectLineOptions> options, TimeProvider clock,
    ILogger<DirectLineConversations> logger)
    : IChannelDataEraser
{
    private const int AppendGates = 256;

    /// <summary>Appends to one conversation are serialized by one of these, chosen by hashing its id: a fixed number, whatever the number of conversations.</summary>
    private readonly SemaphoreSlim[] _appendGates = [.. Enumerable.Range(0, AppendGates).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// Per conversation lately appended to here: its last sequence and the client ids of its last posts. An entry is
    /// present only while this instance has appended every activity since it counted, so a missing one means "ask the store".
    /// </summary>
    private readonly BoundedCache<string, AppendMemory> _appended = new(options.Value.ConversationsRemembered, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Channel<ActivitySet>>> _listeners = new();

    /// <summary>
    /// The records of conversations lately created or found here, with when they were read: every request of a token
    /// checks its conversation exists, and reads it from here while it is younger than
    /// <see cref="DirectLineOptions.RecordCacheLifetime"/>. A removal here forgets it at once; one on another instance
    /// is seen here within that lifetime.
    /// </summary>
    private readonly BoundedCache<string, (DirectLineConversation Record, string? ETag, DateTimeOffset ReadAt)> _records =
        new(options.Value.ConversationsRemembered, StringComparer.Ordinal);

    public async Task<DirectLineConversation> CreateAsync(string? userId, string? policy, string? locale, string? site, DateTimeOffset now)
    {
        var conversation = new DirectLineConversation(NewId(), userId, policy, locale, site, Started: false, now);
        Remember(conversation, await SaveAsync(conversation, expectedETag: null));
        return conversation;
    }

    /// <summary>
    /// A new conversation, started as it is created (the chat page's, whose client connects at once): nothing is
    /// written yet; its greeting turn stores the record with the greeting (<see cref="DirectLineStartDelivery"/>), so
    /// the start is one write, and a client that then starts it (POST) or reconnects finds it started.
    /// </summary>
    public DirectLineConversation Begin(string? userId, string? policy, string? locale, string? site, DateTimeOffset now)
    {
        var conversation = new DirectLineConversation(NewId(), userId, policy, locale, site, Started: true, now);
        _appended.Set(conversation.Id, new AppendMemory()); // nothing appended yet, and its greeting is appended here
        return conversation;
    }

    /// <summary>The create-only write of a conversation's record (<see cref="Begin"/>), in its greeting turn's commit.</summary>
    internal void RecordCreation(DirectLineConversation conversation, UnitOfWork work)
    {
        work.Put(MetaKey(conversation.Id), JsonSerializer.Serialize(conversation, ActivityJson.Options), expectedETag: null);
        work.AfterCommit(_ =>
        {
            Remember(conversation, etag: null);
            return Task.CompletedTask;
        });
    }

    /// <summary>Stores a conversation's record (from <see cref="Begin"/>) on its own, when its greeting turn committed nothing.</summary>
    internal async Task StoreCreationAsync(DirectLineConversation conversation) =>
        Remember(conversation, await SaveAsync(conversation, expectedETag: null));

    /// <summary>The conversation's record, or null when there is none (never was, or removed): from memory while recently read.</summary>
    public async Task<DirectLineConversation?> FindAsync(string id)
    {
        if (_records.TryGetValue(id, out var cached) && clock.GetUtcNow() - cached.ReadAt < options.Value.RecordCacheLifetime)
        {
            return cached.Record;
        }

        if (await store.ReadAsync(MetaKey(id)) is not { } document)
        {
            _records.Remove(id);
            return null;
        }

        var conversation = JsonSerializer.Deserialize<DirectLineConversation>(document.Json, ActivityJson.Options)!;
        Remember(conversation, document.ETag);
        return conversation;
    }

    /// <summary>
    /// Marks the conversation started; false when it already was (so the bot greets it only once). A conversation
    /// remembered as started is answered from memory: once started, a conversation never goes back. One remembered
    /// as not started (just created or read here) is written with the ETag remembered, without reading it again; if
    /// that write loses (another instance wrote it since), the stored record decides.
    /// </summary>
    public async Task<bool> TryStartAsync(string id)
    {
        if (_records.TryGetValue(id, out var cached))
        {
            if (cached.Record.Started)
            {
                return false;
            }

            if (cached.ETag is { } etag && await TrySaveStartedAsync(cached.Record, etag))
            {
                return true;
            }
        }

        var document = await store.ReadAsync(MetaKey(id)) ?? throw new InvalidOperationException($"No conversation {id}.");
        var conversation = JsonSerializer.Deserialize<DirectLineConversation>(document.Json, ActivityJson.Options)!;
        if (conversation.Started)
        {
            Remember(conversation, document.ETag);
            return false;
        }

        return await TrySaveStartedAsync(conversation, document.ETag);
    }

    private async Task<bool> TrySaveStartedAsync(DirectLineConversation conversation, string etag)
    {
        try
        {
            var started = conversation with { Started = true };
            Remember(started, await SaveAsync(started, etag));
            return true;
        }
        catch (ETagConflictException)
        {
            return false;
        }
    }

    /// <summary>Remembers a record read or written here; its ETag is null when not known (a started record written by a turn's commit: it is never written again).</summary>
    private void Remember(DirectLineConversation conversation, string? etag) => _records.Set(conversation.Id, (conversation, etag, clock.GetUtcNow()));

    /// <summary>
    /// Stores an activity, gives it its id (<c>{conversationId}|0000007</c>) and pushes it to live clients, here and on
    /// the other instances. Each sequence number is created at most once (a create-only write), so two instances
    /// appending to one conversation at once never take the same number: the one that loses counts again.
    /// </summary>
    public async Task<Activity> AppendAsync(string conversationId, Activity activity)
    {
        var gate = _appendGates[(uint)StringComparer.Ordinal.GetHashCode(conversationId) % AppendGates];
        await gate.WaitAsync();
        try
        {
            var memory = _appended.TryGetValue(conversationId, out var remembered) ? remembered : await CountAsync(conversationId);
            var sequence = memory.LastSequence + 1;
            while (true)
            {
                activity.Id = $"{conversationId}|{sequence:D7}";
                try
                {
                    await store.WriteAsync(ActivityKey(conversationId, sequence), JsonSerializer.Serialize(activity, ActivityJson.Options), expectedETag: null);
                    break;
                }
                catch (ETagConflictException)
                {
                    // Another instance appended first. The number that conflicted is taken, whatever the count says: a
                    // row its index does not know yet (written by an older version during a rolling deploy) must not
                    // make this loop try the same number for ever.
                    memory = await CountAsync(conversationId);
                    sequence = Math.Max(memory.LastSequence, sequence) + 1;
                }
            }

            memory.LastSequence = sequence;
            if (ClientActivityId(activity) is { } clientId)
            {
                memory.ClientIds.Add(clientId, activity.Id);
            }

            _appended.Set(conversationId, memory);
            Publish(conversationId, new ActivitySet([activity], Watermark(sequence)));
            await AnnounceAsync(conversationId, sequence);
            return activity;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Records, in a turn's <paramref name="work"/>, the create-only writes that append <paramref name="activities"/>
    /// (giving each its id), so they are stored by the turn's commit or not at all; once it is committed they are
    /// pushed to live clients, here and on the other instances. What this instance remembers of the conversation is
    /// taken out meanwhile: an append that comes in between (the customer's next post) counts from the store, and when
    /// it takes a number planned here the commit is a conflict and the turn, run again, counts afresh.
    /// </summary>
    /// <remarks>
    /// A <paramref name="posted"/> activity (what the client posted, given its id by <see cref="PlanPostedAsync"/>)
    /// is stored first, under that id, so the post and its replies are one write; if another append took its number
    /// in between, the commit is a conflict and the turn, run again, plans afresh.
    /// </remarks>
    public async Task RecordAppendsAsync(
        string conversationId, IReadOnlyList<Activity> activities, UnitOfWork work, CancellationToken cancellationToken, Activity? posted = null)
    {
        if (posted is null && activities.Count == 0)
        {
            return;
        }

        var gate = _appendGates[(uint)StringComparer.Ordinal.GetHashCode(conversationId) % AppendGates];
        await gate.WaitAsync(cancellationToken);
        AppendMemory memory;
        try
        {
            memory = _appended.TryGetValue(conversationId, out var remembered) ? remembered : await CountAsync(conversationId);
            _appended.Remove(conversationId);
        }
        finally
        {
            gate.Release();
        }

        if (posted is not null)
        {
            activities = [posted, .. activities];
        }

        var first = posted is null ? memory.LastSequence + 1 : SequenceOf(posted.Id!);
        for (var i = 0; i < activities.Count; i++)
        {
            activities[i].Id = $"{conversationId}|{first + i:D7}";
            if (ClientActivityId(activities[i]) is { } clientId)
            {
                memory.ClientIds.Add(clientId, activities[i].Id!);
            }

            work.Put(ActivityKey(conversationId, first + i), JsonSerializer.Serialize(activities[i], ActivityJson.Options), expectedETag: null);
        }

        var last = first + activities.Count - 1;
        var echoed = posted is null ? 0 : 1;
        work.AfterCommit(ct => OnCommittedAsync(conversationId, memory, first, last, activities, echoed, ct));
    }

    /// <summary>
    /// Gives what a client posted the id it will be stored under by its turn's commit (<see cref="RecordAppendsAsync"/>):
    /// the next number of the conversation's log, as this instance knows it (else as the store counts it).
    /// </summary>
    public async Task PlanPostedAsync(string conversationId, Activity posted, CancellationToken cancellationToken)
    {
        var gate = _appendGates[(uint)StringComparer.Ordinal.GetHashCode(conversationId) % AppendGates];
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!_appended.TryGetValue(conversationId, out var memory))
            {
                memory = await CountAsync(conversationId);
                _appended.Set(conversationId, memory);
            }

            posted.Id = $"{conversationId}|{memory.LastSequence + 1:D7}";
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task OnCommittedAsync(
        string conversationId, AppendMemory memory, int first, int last, IReadOnlyList<Activity> activities, int echoed, CancellationToken cancellationToken)
    {
        var gate = _appendGates[(uint)StringComparer.Ordinal.GetHashCode(conversationId) % AppendGates];
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_appended.TryGetValue(conversationId, out _))
            {
                _appended.Remove(conversationId); // something was counted in between: the store knows better
            }
            else
            {
                memory.LastSequence = last;
                _appended.Set(conversationId, memory);
            }
        }
        finally
        {
            gate.Release();
        }

        // The client's own post is pushed first on its own (its echo, as when it was stored ahead of the turn), then the replies.
        if (echoed > 0)
        {
            Publish(conversationId, new ActivitySet([activities[0]], Watermark(first)));
        }

        if (activities.Count > echoed)
        {
            Publish(conversationId, new ActivitySet([.. activities.Skip(echoed)], Watermark(last)));
        }

        for (var sequence = first; sequence <= last; sequence++)
        {
            await AnnounceAsync(conversationId, sequence);
        }
    }

    /// <summary>
    /// Offers every client connected here the conversation's latest activity: one that missed others (the backplane was
    /// down) reads the gap from the store; one that is up to date ignores it.
    /// </summary>
    public async Task CatchUpListenersAsync(CancellationToken cancellationToken)
    {
        foreach (var (conversationId, listeners) in _listeners)
        {
            var stored = listeners.IsEmpty ? [] : await LatestAsync(conversationId, 1, cancellationToken);
            if (stored.Count > 0)
            {
                var latest = JsonSerializer.Deserialize<Activity>(stored[0].Json, ActivityJson.Options)!;
                Publish(conversationId, new ActivitySet([latest], Watermark(SequenceOf(latest.Id!))));
            }
        }
    }

    /// <summary>
    /// Stores what a client posted, once: Web Chat sends a message again, with the same <c>clientActivityID</c>, when
    /// its post failed (the instance died, say). The second post gets the activity stored the first time, with its id,
    /// so the bot recognises it and the transcript shows it once.
    /// </summary>
    public async Task<Activity> AppendOnceAsync(string conversationId, Activity activity) =>
        await FindRepostedAsync(conversationId, activity) ?? await AppendAsync(conversationId, activity);

    /// <summary>The activity stored the first time, when this one is a client's post of it again (same <c>clientActivityID</c>); else null.</summary>
    public async Task<Activity?> FindRepostedAsync(string conversationId, Activity activity) =>
        ClientActivityId(activity) is { } clientId ? await FindPostedAsync(conversationId, clientId, activity.From?.Id) : null;

    private async Task<Activity?> FindPostedAsync(string conversationId, string clientId, string? senderId)
    {
        if (_appended.TryGetValue(conversationId, out var memory))
        {
            // This instance has appended every activity since it last counted: what it remembers is enough.
            return memory.ClientIds.Find(clientId) is { } id
                && await store.ReadAsync(ActivityKey(conversationId, SequenceOf(id))) is { } document
                ? JsonSerializer.Deserialize<Activity>(document.Json, ActivityJson.Options)
                : null;
        }

        // The last few activities only, newest first, through the store's index.
        return (await LatestAsync(conversationId, RecentClientIds.Capacity))
            .Select(d => JsonSerializer.Deserialize<Activity>(d.Json, ActivityJson.Options)!)
            .FirstOrDefault(a => ClientActivityId(a) == clientId && a.From?.Id == senderId);
    }

    private static string? ClientActivityId(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("clientActivityID", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    private static int SequenceOf(string activityId) =>
        int.Parse(activityId[(activityId.LastIndexOf('|') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Another instance stored an activity: its live clients connected here get it too.</summary>
    public async Task OnAppendedElsewhereAsync(string conversationId, int sequence, CancellationToken cancellationToken)
    {
        _appended.Remove(conversationId); // this instance's count is behind now
        if (!_listeners.TryGetValue(conversationId, out var listeners) || listeners.IsEmpty)
        {
            return;
        }

        if (await store.ReadAsync(ActivityKey(conversationId, sequence), cancellationToken) is { } document)
        {
            var activity = JsonSerializer.Deserialize<Activity>(document.Json, ActivityJson.Options)!;
            Publish(conversationId, new ActivitySet([activity], Watermark(sequence)));
        }
    }

    /// <summary>
    /// Erases what was said in a Direct Line conversation: each stored activity keeps its place (ids and watermarks
    /// stay valid for a client still connected) but loses its text, attachments, buttons and data.
    /// </summary>
    public async Task EraseAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        if (channelId != "directline")
        {
            return;
        }

        foreach (var document in await store.ListAsync(ActivityPrefix(conversationId), cancellationToken))
        {
            await EraseActivityAsync(document, cancellationToken);
        }
    }

    /// <summary>Erases, in every conversation, the activities older than <paramref name="olderThan"/> (transcript retention).</summary>
    public async Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var erased = 0;
        foreach (var document in await store.ListAsync("directline/", cancellationToken))
        {
            if (document.Key.Count(c => c == '/') == 2
                && JsonSerializer.Deserialize<Activity>(document.Json, ActivityJson.Options) is { } activity
                && activity.Timestamp < olderThan && !IsErased(activity))
            {
                await EraseActivityAsync(document, cancellationToken);
                erased++;
            }
        }

        return erased;
    }

    private async Task EraseActivityAsync(StoredDocument document, CancellationToken cancellationToken)
    {
        var activity = JsonSerializer.Deserialize<Activity>(document.Json, ActivityJson.Options)!;
        var erased = new Activity
        {
            Type = activity.Type, Id = activity.Id, Timestamp = activity.Timestamp, ChannelId = activity.ChannelId,
            Conversation = new ConversationAccount { Id = document.Key.Split('/')[1] }, // directline/{id}/{sequence}
            From = new ChannelAccount { Id = activity.From?.Id, Role = activity.From?.Role },
        };
        await store.WriteAsync(document.Key, JsonSerializer.Serialize(erased, ActivityJson.Options), ETags.Any, cancellationToken);
    }

    private static bool IsErased(Activity activity) =>
        activity.Text is null && activity.Attachments is null && activity.Value is null && activity.ChannelData is null && activity.SuggestedActions is null;

    /// <summary>Pushes an activity to live clients without keeping it (typing).</summary>
    public void Broadcast(string conversationId, Activity activity, string watermark) =>
        Publish(conversationId, new ActivitySet([activity], watermark));

    /// <summary>
    /// At most <see cref="DirectLineOptions.ActivitiesPerPage"/> activities after <paramref name="watermark"/> (from the
    /// start when it is empty or not a number), with the watermark of the last one: the client asks again from there
    /// until a page comes back short. Each is read by its key (sequences are dense from 1), so a client that is up to
    /// date costs one read, and a long log is never loaded whole.
    /// </summary>
    public async Task<ActivitySet> AfterAsync(string conversationId, string? watermark)
    {
        var after = int.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;
        var pageSize = Math.Max(1, options.Value.ActivitiesPerPage);
        var page = new List<Activity>();
        while (page.Count < pageSize && await store.ReadAsync(ActivityKey(conversationId, after + page.Count + 1)) is { } document)
        {
            page.Add(JsonSerializer.Deserialize<Activity>(document.Json, ActivityJson.Options)!);
        }

        return new ActivitySet(page, Watermark(after + page.Count));
    }

    /// <summary>True when a full page was read: there may be more after its watermark.</summary>
    public bool IsFullPage(ActivitySet set) => set.Activities.Count >= Math.Max(1, options.Value.ActivitiesPerPage);

    /// <summary>True when the conversation's log holds <see cref="DirectLineOptions.MaxActivitiesPerConversation"/> activities.</summary>
    public async Task<bool> IsFullAsync(string conversationId)
    {
        var limit = options.Value.MaxActivitiesPerConversation;
        if (limit <= 0)
        {
            return false;
        }

        // Sequences have no gaps, so the log is full exactly when its limit-th activity exists: one read, never a listing.
        return _appended.TryGetValue(conversationId, out var memory)
            ? memory.LastSequence >= limit
            : await store.ReadAsync(ActivityKey(conversationId, limit)) is not null;
    }

    /// <summary>
    /// Every conversation with when it was last active (its last activity, else its creation), read in one listing;
    /// activities whose record is gone (a post that raced a removal) are listed too, so they go with the next removal.
    /// </summary>
    public async Task<IReadOnlyList<(string Id, DateTimeOffset LastActive)>> ListWithLastActivityAsync(CancellationToken cancellationToken)
    {
        var created = new Dictionary<string, DateTimeOffset>();
        var lastActivity = new Dictionary<string, StoredDocument>();
        foreach (var document in await store.ListAsync("directline/", cancellationToken))
        {
            var parts = document.Key.Split('/');
            if (parts.Length == 2 && parts[1] != SecretKeyName)
            {
                created[parts[1]] = JsonSerializer.Deserialize<DirectLineConversation>(document.Json, ActivityJson.Options)!.CreatedAt;
            }
            else if (parts.Length == 3 && parts[1] != StateKeyPart && parts[2].Length >= 7 && parts[2].All(char.IsAsciiDigit))
            {
                lastActivity[parts[1]] = document; // keys come in order: the last one wins
            }
        }

        return [.. created.Keys.Union(lastActivity.Keys).Select(id =>
        {
            var last = lastActivity.TryGetValue(id, out var document)
                ? JsonSerializer.Deserialize<Activity>(document.Json, ActivityJson.Options)?.Timestamp
                : null;
            return (id, last ?? (created.TryGetValue(id, out var at) ? at : DateTimeOffset.MinValue));
        })];
    }

    /// <summary>
    /// Removes a conversation: its record first (so requests get 404 from then on), then its activity log, then what
    /// this instance remembers of it. The bot's conversation state and cases are not Direct Line's and stay.
    /// </summary>
    public async Task RemoveAsync(string conversationId, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(MetaKey(conversationId), cancellationToken: cancellationToken);
        _records.Remove(conversationId);
        foreach (var document in await store.ListAsync(ActivityPrefix(conversationId), cancellationToken))
        {
            await store.DeleteAsync(document.Key, cancellationToken: cancellationToken);
        }

        _appended.Remove(conversationId);
    }

    /// <summary>A live feed of the conversation's new activities, until the returned subscription is disposed.</summary>
    public (ChannelReader<ActivitySet> Feed, IDisposable Subscription) Listen(string conversationId)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateUnbounded<ActivitySet>(new UnboundedChannelOptions { SingleReader = true });
        lock (_listeners)
        {
            _listeners.GetOrAdd(conversationId, _ => new ConcurrentDictionary<Guid, Channel<ActivitySet>>())[id] = channel;
        }

        return (channel.Reader, new Unsubscribe(() =>
        {
            lock (_listeners)
            {
                // The conversation's entry goes with its last listener, so only connected conversations are held.
                if (_listeners.TryGetValue(conversationId, out var listeners) && listeners.TryRemove(id, out _) && listeners.IsEmpty)
                {
                    _listeners.TryRemove(conversationId, out _);
                }
            }

            channel.Writer.TryComplete();
        }));
    }

    private void Publish(string conversationId, ActivitySet set)
    {
        if (_listeners.TryGetValue(conversationId, out var listeners))
        {
            foreach (var listener in listeners.Values)
            {
                listener.Writer.TryWrite(set);
            }
        }
    }

    /// <summary>
    /// Best effort: the activity is stored, so a client on another instance that misses the notification gets it with
    /// the next one (the stream fills gaps from the store) or when it reconnects.
    /// </summary>
    private async Task AnnounceAsync(string conversationId, int sequence)
    {
        try
        {
            await backplane.AnnounceAsync(conversationId, sequence);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAnnounceFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Other instances could not be told of a new Direct Line activity; their clients get it with the next one")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception);

    /// <summary>How many listeners this instance holds, over all conversations (for tests of its bounds).</summary>
    internal int ListenedConversations => _listeners.Count;

    /// <summary>How many conversations this instance remembers appends of (bounded by twice <see cref="DirectLineOptions.ConversationsRemembered"/>).</summary>
    internal int RememberedConversations => _appended.Count;

    /// <summary>
    /// Counts the conversation again from the store: its last sequence and the client ids of its last posts, from its
    /// newest activities only (through the store's index; sequences are dense from 1, so the newest names the count).
    /// </summary>
    private async Task<AppendMemory> CountAsync(string conversationId)
    {
        var newest = (await LatestAsync(conversationId, RecentClientIds.Capacity))
            .Select(d => JsonSerializer.Deserialize<Activity>(d.Json, ActivityJson.Options)!)
            .ToList();
        var memory = new AppendMemory { LastSequence = newest.Count > 0 ? SequenceOf(newest[0].Id!) : 0 };
        foreach (var activity in Enumerable.Reverse(newest))
        {
            if (ClientActivityId(activity) is { } clientId)
            {
                memory.ClientIds.Add(clientId, activity.Id!);
            }
        }

        return memory;
    }

    /// <summary>The conversation's newest activities, newest first, at most <paramref name="count"/>.</summary>
    private Task<IReadOnlyList<StoredDocument>> LatestAsync(string conversationId, int count, CancellationToken cancellationToken = default) =>
        store.FindRangeAsync(DocumentIndexes.DirectLineActivities, $"{conversationId}|", $"{conversationId}|9999999", count, descending: true, cancellationToken);

    private static string Watermark(int sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    private static string ActivityKey(string conversationId, int sequence) =>
        ActivityPrefix(conversationId) + sequence.ToString("D7", CultureInfo.InvariantCulture);

    private Task<string> SaveAsync(DirectLineConversation conversation, string? expectedETag) =>
        store.WriteAsync(MetaKey(conversation.Id), JsonSerializer.Serialize(conversation, ActivityJson.Options), expectedETag);

    private static string NewId() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', 'a').Replace('/', 'b');

    private const string SecretKeyName = "secret"; // directline/secret, DirectLineTokens' generated secret

    private const string StateKeyPart = "conversations"; // directline/conversations/{id}: the bot's conversation state

    private static string MetaKey(string id) => $"directline/{id}";

    private static string ActivityPrefix(string id) => $"directline/{id}/";

    /// <summary>What this instance remembers of a conversation it appends to.</summary>
    private sealed class AppendMemory
    {
        public int LastSequence { get; set; }

        public RecentClientIds ClientIds { get; } = new();
    }

    /// <summary>The last client activity ids posted to one conversation here, with the ids they were stored under.</summary>
    private sealed class RecentClientIds
    {
        public const int Capacity = 16;
        private readonly (string ClientId, string ActivityId)[] _recent = new (string, string)[Capacity];
        private int _next;

        public void Add(string clientId, string activityId)
        {
            lock (_recent)
            {
                _recent[_next++ % Capacity] = (clientId, activityId);
            }
        }

        public string? Find(string clientId)
        {
            lock (_recent)
            {
                return _recent.FirstOrDefault(r => r.ClientId == clientId).ActivityId;
            }
        }
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
