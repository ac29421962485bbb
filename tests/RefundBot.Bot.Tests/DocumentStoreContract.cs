using RefundBot.Bot.Storage;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests;

/// <summary>What every <see cref="IDocumentStore"/> promises: optimistic concurrency by ETag, never a silent overwrite.</summary>
public abstract class DocumentStoreContract
{
    protected abstract IDocumentStore Store { get; }

    /// <summary>A key this store refuses to write (its failure comes after the commit's first write was applied).</summary>
    protected abstract string UnwritableKey { get; }

    [Fact]
    public async Task A_business_s_cases_page_through_the_index_in_request_order_across_its_policies_each_once()
    {
        // Written out of order, with another business's cases between them and two cases asked at the same instant.
        var at = Cases.SeededCases.Start;
        RefundBot.Dialogs.Cases.RefundCase[] seeded =
        [
            Cases.SeededCases.Case("RB-0000000E", "necxian", at.AddHours(5)),
            Cases.SeededCases.Case("RB-0000000A", "masecurite", at.AddHours(1)),
            Cases.SeededCases.Case("RB-0000000X", "tech-services", at.AddHours(2)),
            Cases.SeededCases.Case("RB-0000000C", "masecurite", at.AddHours(3), RefundBot.Dialogs.Cases.CaseStatus.HumanReview, "humanReview"),
            Cases.SeededCases.Case("RB-0000000B", "necxian", at.AddHours(3)),
            Cases.SeededCases.Case("RB-0000000D", "masecurite", at.AddHours(4)),
        ];
        foreach (var refundCase in seeded)
        {
            await Store.WriteAsync("cases/" + refundCase.Id, Cases.SeededCases.Json(refundCase), null);
        }

        var pages = new RefundBot.Dialogs.Cases.CasePages(Store);
        var ids = new List<string>();
        string? after = null;
        var reads = 0;
        do
        {
            var page = await pages.PageAsync(["masecurite", "necxian"], DateTimeOffset.MinValue, DateTimeOffset.MaxValue, after, 2, _ => true);
            ids.AddRange(page.Cases.Select(c => c.Id));
            after = page.NextPosition;
        }
        while (after is not null && ++reads < 10);

        Assert.Equal(["RB-0000000A", "RB-0000000B", "RB-0000000C", "RB-0000000D", "RB-0000000E"], ids);
        var window = await pages.PageAsync(["masecurite", "necxian"], at.AddHours(3), at.AddHours(4), null, 10, c => c.Status == RefundBot.Dialogs.Cases.CaseStatus.Decided);
        Assert.Equal(["RB-0000000B", "RB-0000000D"], window.Cases.Select(c => c.Id));
        Assert.Null(window.NextPosition);
    }

    [Fact]
    public async Task A_commit_applies_every_write_together_and_gives_each_its_etag()
    {
        var old = await Store.WriteAsync("c/old", "{}", null);

        var etags = await Store.CommitAsync([
            DocumentWrite.Put("c/state", "{\"v\":1}", null),
            DocumentWrite.Put("c/case", "{\"n\":1}", ETags.Any),
            DocumentWrite.Delete("c/old", old),
        ]);

        Assert.Equal(new StoredDocument("c/state", "{\"v\":1}", etags[0]), await Store.ReadAsync("c/state"));
        Assert.Equal(new StoredDocument("c/case", "{\"n\":1}", etags[1]), await Store.ReadAsync("c/case"));
        Assert.Null(await Store.ReadAsync("c/old"));
    }

    [Fact]
    public async Task A_commit_with_one_stale_etag_is_a_conflict_and_writes_nothing()
    {
        var state = await Store.WriteAsync("d/state", "{\"v\":1}", null);
        await Store.WriteAsync("d/state", "{\"v\":2}", state); // someone else's turn won
        var kept = await Store.WriteAsync("d/kept", "{\"k\":1}", null);

        var conflict = await Assert.ThrowsAsync<ETagConflictException>(() => Store.CommitAsync([
            DocumentWrite.Put("d/case", "{\"answer\":1}", ETags.Any),
            DocumentWrite.Delete("d/kept", kept),
            DocumentWrite.Put("d/state", "{\"v\":\"lost\"}", state),
        ]));

        Assert.Equal("d/state", conflict.Key);
        Assert.Null(await Store.ReadAsync("d/case"));
        Assert.Equal("{\"k\":1}", (await Store.ReadAsync("d/kept"))?.Json);
        Assert.Equal("{\"v\":2}", (await Store.ReadAsync("d/state"))?.Json);
    }

    [Fact]
    public async Task A_commit_that_fails_part_way_rolls_back_the_writes_before_the_failure()
    {
        var state = await Store.WriteAsync("e/state", "{\"v\":1}", null);

        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync([
            DocumentWrite.Put("e/state", "{\"v\":2}", state),
            DocumentWrite.Put("e/case", "{}", ETags.Any),
            DocumentWrite.Put(UnwritableKey, "{}", ETags.Any),
        ]));

        Assert.Equal(new StoredDocument("e/state", "{\"v\":1}", state), await Store.ReadAsync("e/state"));
        Assert.Null(await Store.ReadAsync("e/case"));
        await Store.WriteAsync("e/state", "{\"v\":3}", state); // the store, and its ETag table, keep working on the same keys
        Assert.Equal("{\"v\":3}", (await Store.ReadAsync("e/state"))?.Json);
    }

    [Fact]
    public async Task Of_two_concurrent_commits_guarded_by_the_same_etag_exactly_one_is_applied()
    {
        var etag = await Store.WriteAsync("f/state", "{}", null);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store.CommitAsync([DocumentWrite.Put($"f/case/{i}", "{}", ETags.Any), DocumentWrite.Put("f/state", $"{{\"w\":{i}}}", etag)]);
                return true;
            }
            catch (ETagConflictException)
            {
                return false;
            }
        })));

        Assert.Single(results, won => won);
        Assert.Single(await Store.ListAsync("f/case/"));
    }

    [Fact]
    public async Task A_new_document_is_written_when_no_etag_is_expected()
    {
        var etag = await Store.WriteAsync("a/1", "{\"n\":1}", expectedETag: null);

        var read = await Store.ReadAsync("a/1");
        Assert.Equal(new StoredDocument("a/1", "{\"n\":1}", etag), read);
    }

    [Fact]
    public async Task Creating_a_document_that_already_exists_is_a_conflict()
    {
        await Store.WriteAsync("a/2", "{}", null);

        await Assert.ThrowsAsync<ETagConflictException>(() => Store.WriteAsync("a/2", "{\"other\":true}", null));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_a_conflict_and_keeps_the_newer_document()
    {
        var first = await Store.WriteAsync("a/3", "{\"v\":1}", null);
        var second = await Store.WriteAsync("a/3", "{\"v\":2}", first);

        await Assert.ThrowsAsync<ETagConflictException>(() => Store.WriteAsync("a/3", "{\"v\":\"lost\"}", first));
        Assert.Equal(new StoredDocument("a/3", "{\"v\":2}", second), await Store.ReadAsync("a/3"));
    }

    [Fact]
    public async Task The_wildcard_etag_overwrites()
    {
        await Store.WriteAsync("a/4", "{\"v\":1}", null);
        await Store.WriteAsync("a/4", "{\"v\":2}", ETags.Any);

        Assert.Equal("{\"v\":2}", (await Store.ReadAsync("a/4"))?.Json);
    }

    [Fact]
    public async Task Of_two_concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        var etag = await Store.WriteAsync("a/5", "{}", null);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store.WriteAsync("a/5", $"{{\"writer\":{i}}}", etag);
                return true;
            }
            catch (ETagConflictException)
            {
                return false;
            }
        })));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task Listing_by_prefix_returns_matching_documents_in_key_order_and_delete_removes()
    {
        await Store.WriteAsync("cases/b", "{}", null);
        await Store.WriteAsync("cases/a", "{}", null);
        await Store.WriteAsync("other/c", "{}", null);
        await Store.DeleteAsync("cases/b");

        Assert.Equal(["cases/a"], (await Store.ListAsync("cases/")).Select(d => d.Key));
        Assert.Null(await Store.ReadAsync("missing"));
    }

    [Fact]
    public async Task Listing_with_an_empty_prefix_lists_every_document()
    {
        await Store.WriteAsync("b/1", "{}", null);
        await Store.WriteAsync("a/1", "{}", null);

        Assert.Equal(["a/1", "b/1"], (await Store.ListAsync("")).Select(d => d.Key));
    }

    /// <summary>A delete that may wait for the store's next commit is still a delete, ETag check included, once its task ends.</summary>
    [Fact]
    public async Task A_delete_with_the_next_commit_removes_the_document_once_it_ends_and_only_the_version_read()
    {
        var read = await Store.WriteAsync("outbox/a/1", "{\"v\":1}", null);
        await Store.WriteAsync("outbox/a/1", "{\"v\":2}", read);
        await Store.WriteAsync("outbox/a/2", "{}", null);

        await Assert.ThrowsAsync<ETagConflictException>(() => Store.DeleteWithNextCommitAsync("outbox/a/1", read).WaitAsync(TimeSpan.FromSeconds(10)));
        await Store.DeleteWithNextCommitAsync("outbox/a/2").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["outbox/a/1"], (await Store.ListAsync("outbox/")).Select(d => d.Key));
        Assert.Null(await Store.ReadAsync("outbox/a/2"));
    }

    [Fact]
    public async Task A_delete_with_an_etag_removes_only_the_version_that_was_read()
    {
        var read = await Store.WriteAsync("handoffs/a", "{\"v\":1}", null);
        await Store.WriteAsync("handoffs/a", "{\"v\":2}", read);

        await Assert.ThrowsAsync<ETagConflictException>(() => Store.DeleteAsync("handoffs/a", read));
        Assert.NotNull(await Store.ReadAsync("handoffs/a"));

        await Store.DeleteAsync("handoffs/a", (await Store.ReadAsync("handoffs/a"))!.ETag);
        Assert.Null(await Store.ReadAsync("handoffs/a"));
    }
    [Fact]
    public async Task An_equality_query_returns_only_the_documents_with_that_value_under_the_index_prefix()
    {
        await Store.WriteAsync("cases/1", """{"conversationKey":"web/conversations/a","n":1}""", null);
        await Store.WriteAsync("cases/2", """{"conversationKey":"web/conversations/b"}""", null);
        await Store.WriteAsync("cases/3", """{"n":3,"conversationKey":"web/conversations/a"}""", null);
        await Store.WriteAsync("cases/4", """{"conversationKey":"WEB/conversations/A"}""", null); // ordinal: another value
        await Store.WriteAsync("other/5", """{"conversationKey":"web/conversations/a"}""", null); // not under "cases/"

        var found = await Store.FindAsync(DocumentIndexes.CasesByConversation, "web/conversations/a");

        Assert.Equal(["cases/1", "cases/3"], found.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Equal("""{"conversationKey":"web/conversations/a","n":1}""", found.Single(d => d.Key == "cases/1").Json);
    }

    [Fact]
    public async Task A_range_query_returns_values_in_order_within_the_bounds_up_to_the_limit_either_way()
    {
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        // Written out of order, one with another offset (the index compares instants) and one without the property.
        foreach (var (key, due) in new[] { ("c", 3), ("a", 1), ("e", 5), ("b", 2), ("d", 4) })
        {
            await Store.WriteAsync($"cases/{key}", $$"""{"followUpDueAt":"{{at.AddHours(due).ToOffset(TimeSpan.FromHours(key == "b" ? 2 : 0)):O}}"}""", null);
        }

        await Store.WriteAsync("cases/none", """{"followUpDueAt":null}""", null);
        var index = DocumentIndexes.FollowUpsByDueTime;

        Assert.Equal(["cases/b", "cases/c", "cases/d"], Keys(await Store.FindRangeAsync(index, DocumentIndex.Time(at.AddHours(2)), DocumentIndex.Time(at.AddHours(4)), 10)));
        Assert.Equal(["cases/a", "cases/b"], Keys(await Store.FindRangeAsync(index, DocumentIndex.MinTime, DocumentIndex.MaxTime, 2)));
        Assert.Equal(["cases/e", "cases/d"], Keys(await Store.FindRangeAsync(index, DocumentIndex.MinTime, DocumentIndex.MaxTime, 2, descending: true)));
        Assert.Empty(await Store.FindRangeAsync(index, DocumentIndex.Time(at.AddHours(6)), DocumentIndex.MaxTime, 10));
    }

    [Fact]
    public async Task The_index_follows_updates_and_deletes()
    {
        var etag = await Store.WriteAsync("cases/x", """{"orderId":"A-1"}""", null);
        await Store.WriteAsync("cases/y", """{"orderId":"A-1"}""", null);
        await Store.WriteAsync("cases/z", """{"orderId":"A-1"}""", null);

        await Store.WriteAsync("cases/x", """{"orderId":"B-2"}""", etag); // with an ETag check
        await Store.WriteAsync("cases/y", """{"note":"no order any more"}""", ETags.Any); // unconditional
        await Store.DeleteAsync("cases/z");
        await Assert.ThrowsAsync<ETagConflictException>(() => Store.WriteAsync("cases/x", """{"orderId":"C-3"}""", etag)); // a conflict changes nothing

        Assert.Empty(await Store.FindAsync(DocumentIndexes.CasesByOrder, "A-1"));
        Assert.Equal(["cases/x"], Keys(await Store.FindAsync(DocumentIndexes.CasesByOrder, "B-2")));
        Assert.Empty(await Store.FindAsync(DocumentIndexes.CasesByOrder, "C-3"));
    }

    [Fact]
    public async Task A_key_tail_index_holds_the_last_segment_of_the_key_whatever_the_json()
    {
        await Store.WriteAsync("transcripts/web/conversations/a/0000000000000000200", "[]", null);
        await Store.WriteAsync("transcripts/web/conversations/b/0000000000000000100", "[{\"text\":\"hi\"}]", null);
        await Store.WriteAsync("transcripts/web/conversations/c/0000000000000000300", "[]", null);

        Assert.Equal(
            ["transcripts/web/conversations/b/0000000000000000100", "transcripts/web/conversations/a/0000000000000000200"],
            Keys(await Store.FindRangeAsync(DocumentIndexes.ArchivesByLastLine, "", "0000000000000000250", 10)));
    }

    [Fact]
    public async Task Cases_are_found_by_when_they_were_recorded_oldest_first_within_the_period_up_to_the_limit()
    {
        var cases = new Dialogs.Cases.CaseStore(Store, Microsoft.Extensions.Logging.Abstractions.NullLogger<Dialogs.Cases.CaseStore>.Instance);
        var at = new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero);
        // Recorded out of order, one in another offset (the index compares instants), one after the period.
        foreach (var (id, hours, offset) in new[] { ("RB-C", 2, 0), ("RB-A", 0, 0), ("RB-B", 1, 2), ("RB-D", 48, 0) })
        {
            await cases.SaveAsync(new Dialogs.Cases.RefundCase
            {
                Id = id, ConversationKey = "web/conversations/" + id, CreatedAt = at.AddHours(hours).ToOffset(TimeSpan.FromHours(offset)),
                Language = "en", OrderId = "A-1", PurchaseDate = new DateOnly(2026, 2, 28), Reason = "broken", ReasonCategory = "defective",
            });
        }

        await Store.WriteAsync("handoffs/x", $$"""{"createdAt":"{{at:O}}"}""", null); // not a case

        var inPeriod = await cases.RecordedBetweenAsync(at, at.AddHours(24), 10);
        var firstTwo = await cases.RecordedBetweenAsync(at, at.AddHours(24), 2);
        var fromTheSecond = await cases.RecordedBetweenAsync(at.AddHours(1), at.AddHours(100), 10);

        Assert.Equal(["RB-A", "RB-B", "RB-C"], inPeriod.Select(c => c.Id));
        Assert.Equal(["RB-A", "RB-B"], firstTwo.Select(c => c.Id));
        Assert.Equal(["RB-B", "RB-C", "RB-D"], fromTheSecond.Select(c => c.Id));
    }

    /// <summary>The desk's "recently closed": conversations that left the queue, the latest first, found by when they left.</summary>
    [Fact]
    public async Task Closed_hand_offs_are_found_by_when_they_left_the_queue_the_latest_first()
    {
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        foreach (var (conversation, hours) in new[] { ("a", 1), ("b", 3), ("a", 5), ("c", 2) })
        {
            await Store.WriteAsync($"closed-handoffs/web/conversations/{conversation}/{at.AddHours(hours).UtcTicks:D19}",
                $$"""{"ticket":{"conversationKey":"web/conversations/{{conversation}}"},"closedAt":"{{at.AddHours(hours):O}}","kind":"closed"}""", null);
        }

        await Store.WriteAsync("handoffs/web/conversations/d", $$"""{"closedAt":"{{at.AddHours(4):O}}"}""", null); // not under the prefix

        var index = DocumentIndexes.ClosedHandoffsByTime;
        Assert.Equal(
            [$"closed-handoffs/web/conversations/a/{at.AddHours(5).UtcTicks:D19}", $"closed-handoffs/web/conversations/b/{at.AddHours(3).UtcTicks:D19}"],
            Keys(await Store.FindRangeAsync(index, DocumentIndex.Time(at.AddHours(2).AddTicks(1)), DocumentIndex.MaxTime, 10, descending: true)));
        Assert.Equal(2, (await Store.ListAsync("closed-handoffs/web/conversations/a/")).Count); // one conversation's records, for its erasure
    }

    protected static IReadOnlyList<string> Keys(IEnumerable<StoredDocument> documents) => [.. documents.Select(d => d.Key)];
}

public sealed class MemoryDocumentStoreTests : DocumentStoreContract
{
    protected override IDocumentStore Store { get; } = new MemoryDocumentStore();

    protected override string UnwritableKey => null!;
}

public sealed class LiteDbDocumentStoreTests : DocumentStoreContract, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LiteDbDocumentStore _store;

    public LiteDbDocumentStoreTests() => _store = new LiteDbDocumentStore(_temp.File("store.db"));

    protected override IDocumentStore Store => _store;

    protected override string UnwritableKey { get; } = new('k', 2000); // past LiteDB's 1,023-byte index key

    [Fact]
    public async Task Documents_survive_closing_and_reopening_the_file()
    {
        var etag = await _store.WriteAsync("kept", "{\"x\":1}", null);
        _store.Dispose();

        using var reopened = new LiteDbDocumentStore(_temp.File("store.db"));
        Assert.Equal(new StoredDocument("kept", "{\"x\":1}", etag), await reopened.ReadAsync("kept"));
    }

    [Fact]
    public async Task Reads_give_the_last_committed_version_also_past_the_documents_kept_in_memory()
    {
        // More documents than the store keeps from its own writes, then a second version of each and a few deletes.
        var keys = Enumerable.Range(0, 5000).Select(i => $"doc/{i}").ToList();
        var first = await Task.WhenAll(keys.Select(k => _store.WriteAsync(k, $"{{\"v\":\"{k}-1\"}}", null)));
        var second = await Task.WhenAll(keys.Select((k, i) => _store.WriteAsync(k, $"{{\"v\":\"{k}-2\"}}", first[i])));
        await Task.WhenAll(keys.Take(10).Select((k, i) => _store.DeleteAsync(k, second[i])));

        var read = await Task.WhenAll(keys.Select(k => _store.ReadAsync(k)));
        Assert.All(read.Take(10), Assert.Null);
        Assert.All(read.Skip(10).Select((document, i) => (document, i: i + 10)), r =>
            Assert.Equal(new StoredDocument(keys[r.i], $"{{\"v\":\"{keys[r.i]}-2\"}}", second[r.i]), r.document));
    }

    [Fact]
    public async Task An_acknowledged_write_is_in_the_files_at_once_as_LiteDB_itself_reads_them()
    {
        // The files as a crash would leave them: copied while the store is open, its last commit only in the log.
        await _store.WriteAsync("first", "{\"n\":1}", null);
        await _store.WriteAsync("second", "{\"n\":2}", null);
        var crashed = Directory.CreateDirectory(_temp.File("crashed")).FullName;
        foreach (var file in Directory.GetFiles(_temp.Path))
        {
            using var copy = System.Diagnostics.Process.Start("cp", [file, crashed])!; // cp ignores the store's advisory lock
            await copy.WaitForExitAsync();
        }

        Assert.True(File.Exists(Path.Combine(crashed, "store-log.db")), "LiteDB's own name for the log file");
        using var liteDb = new LiteDB.LiteDatabase(Path.Combine(crashed, "store.db"));
        Assert.Equal(["first", "second"], liteDb.GetCollection("documents").FindAll().Select(d => d["_id"].AsString).Order());
    }

    [Fact]
    public async Task A_file_written_before_the_indexes_is_indexed_when_opened()
    {
        _store.Dispose();
        var file = _temp.File("older.db");
        using (var older = new LiteDB.LiteDatabase(file))
        {
            // As an earlier version stored documents: a plain JSON string, no index fields.
            older.GetCollection("documents").Insert(new LiteDB.BsonDocument
            {
                ["_id"] = "cases/old", ["json"] = """{"orderId":"OLD-1"}""", ["etag"] = "e1",
            });
        }

        using var opened = new LiteDbDocumentStore(file);
        IDocumentStore reopened = opened;

        Assert.Equal(["cases/old"], Keys(await reopened.FindAsync(DocumentIndexes.CasesByOrder, "OLD-1")));
        Assert.Equal("""{"orderId":"OLD-1"}""", (await reopened.ReadAsync("cases/old"))?.Json);
        await reopened.WriteAsync("cases/old", """{"orderId":"OLD-2"}""", "e1"); // its ETag is still the one stored
    }

    [Fact]
    public async Task The_etags_it_remembers_stay_bounded_and_a_forgotten_one_is_still_checked()
    {
        var first = await _store.WriteAsync("state/0", "{}", null);
        var count = LiteDbDocumentStore.ETagsKept * 3;
        await Task.WhenAll(Enumerable.Range(1, count).Select(i => _store.WriteAsync($"state/{i}", "{}", null)));

        Assert.InRange(_store.RememberedETags, 1, 2 * LiteDbDocumentStore.ETagsKept);
        // "state/0" was forgotten long ago: a stale ETag is still refused, the current one still accepted.
        await Assert.ThrowsAsync<ETagConflictException>(() => _store.WriteAsync("state/0", "{}", "stale"));
        await Assert.ThrowsAsync<ETagConflictException>(() => _store.WriteAsync("state/0", "{}", null));
        await _store.WriteAsync("state/0", "{\"v\":2}", first);
    }

    [Fact]
    public async Task A_document_read_on_every_turn_stays_in_memory_while_thousands_of_others_are_written_and_what_is_kept_stays_bounded()
    {
        IDocumentStore store = _store;
        await store.WriteAsync("state/unread", "{}", null);
        await store.WriteAsync("orders/necxian/A-1234", """{"orderId":"A-1234"}""", ETags.Any); // seeded once, read by every conversation
        for (var round = 0; round < 12; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 500).Select(i => store.WriteAsync($"state/{round}-{i}", "{}", null)));
            Assert.Equal("""{"orderId":"A-1234"}""", (await store.ReadAsync("orders/necxian/A-1234"))?.Json);
        }

        Assert.True(_store.KeepsInMemory("orders/necxian/A-1234"), "read once per generation, so kept: not dropped every few thousand writes");
        Assert.False(_store.KeepsInMemory("state/unread"), "neither written nor read for two generations");
        Assert.Equal("{}", (await store.ReadAsync("state/unread"))?.Json); // forgotten by memory, read from the file
        Assert.InRange(_store.DocumentsKept, 1, 2 * LiteDbDocumentStore.RecentlyWritten);
    }

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }
}

[Collection(ScaleOut.PostgresCollection.Name)]
public sealed class PostgresDocumentStoreTests(ScaleOut.LocalPostgres postgres) : DocumentStoreContract, IAsyncLifetime
{
    private Npgsql.NpgsqlDataSource? _dataSource;
    private IDocumentStore? _store;

    protected override IDocumentStore Store => _store!;

    protected override string UnwritableKey => "nul\0key"; // PostgreSQL text refuses the NUL character

    public async Task InitializeAsync()
    {
        _dataSource = Npgsql.NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await PostgresDocumentStore.MigrateAsync(_dataSource);
        _store = new PostgresDocumentStore(_dataSource);
    }

    [Fact]
    public async Task Listing_treats_like_wildcards_in_the_prefix_as_plain_characters()
    {
        await Store.WriteAsync("a_b/1", "{}", null);
        await Store.WriteAsync("axb/1", "{}", null);
        await Store.WriteAsync("a%/1", "{}", null);

        Assert.Equal(["a_b/1"], (await Store.ListAsync("a_b/")).Select(d => d.Key));
        Assert.Equal(["a%/1"], (await Store.ListAsync("a%")).Select(d => d.Key));
    }

    [Fact]
    public async Task Migrating_again_keeps_the_documents()
    {
        await Store.WriteAsync("kept", "{\"x\":1}", null);

        await PostgresDocumentStore.MigrateAsync(_dataSource!);

        Assert.Equal("{\"x\":1}", (await Store.ReadAsync("kept"))?.Json);
    }

    [Fact]
    public async Task Migrating_indexes_the_rows_written_before_the_indexes()
    {
        // A row as an earlier version wrote it: no index values.
        await using (var insert = _dataSource!.CreateCommand($"INSERT INTO {PostgresDocumentStore.Table} (key, json, etag) VALUES ('cases/old', '{{\"orderId\":\"OLD-1\"}}', 'e1')"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Empty(await Store.FindAsync(DocumentIndexes.CasesByOrder, "OLD-1"));

        await PostgresDocumentStore.MigrateAsync(_dataSource);

        Assert.Equal(["cases/old"], Keys(await Store.FindAsync(DocumentIndexes.CasesByOrder, "OLD-1")));
        Assert.Equal("e1", (await Store.ReadAsync("cases/old"))?.ETag);
    }

    public async Task DisposeAsync() => await _dataSource!.DisposeAsync();
}
