using RefundBot.Bot.Storage;

namespace RefundBot.Bot.Tests;

/// <summary>
/// Issue 28: a delete given to <see cref="LiteDbDocumentStore.DeleteWithNextCommitAsync"/> (an outbox record carried
/// out) shares the next write's commit, and so its fsync, instead of taking one of its own; with no write it still
/// commits within the hold limit, and closing the store commits it. Each is checked by the commits the store counts.
/// </summary>
public sealed class LiteDbHeldDeleteTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_held_delete_is_committed_with_the_next_write_in_one_commit()
    {
        using var store = new LiteDbDocumentStore(_temp.File("store.db")) { HoldDeletesFor = Long };
        await store.WriteAsync("outbox/c/1", "{}", null);
        var before = store.Commits;

        var deleted = store.DeleteWithNextCommitAsync("outbox/c/1");
        await Task.WhenAny(deleted, Task.Delay(300)); // a delete not held commits within a few ms

        Assert.False(deleted.IsCompleted, "the delete was committed by itself");
        Assert.NotNull(await store.ReadAsync("outbox/c/1"));
        Assert.Equal(before, store.Commits);
        var written = store.WriteAsync("c/state", "{\"turn\":2}", null);
        await Task.WhenAll(deleted, written).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(before + 1, store.Commits);
        Assert.Null(await store.ReadAsync("outbox/c/1"));
        Assert.NotNull(await store.ReadAsync("c/state"));
    }

    [Fact]
    public async Task A_held_delete_with_no_write_to_go_with_is_committed_by_itself_within_the_hold_limit()
    {
        using var store = new LiteDbDocumentStore(_temp.File("store.db"));
        await store.WriteAsync("outbox/c/1", "{}", null);
        var before = store.Commits;

        // The hold limit is 50 ms; the margin is for a loaded machine, not the store: held forever, it fails here.
        await store.DeleteWithNextCommitAsync("outbox/c/1").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(before + 1, store.Commits);
        Assert.Empty(await store.ListAsync("outbox/"));
    }

    [Fact]
    public async Task Closing_the_store_commits_the_held_deletes_and_the_file_reopened_has_them_gone()
    {
        var store = new LiteDbDocumentStore(_temp.File("store.db")) { HoldDeletesFor = Long };
        await store.WriteAsync("outbox/c/1", "{}", null);
        await store.WriteAsync("outbox/c/2", "{}", null);
        var deleted = store.DeleteWithNextCommitAsync("outbox/c/1");

        store.Dispose();

        await deleted.WaitAsync(TimeSpan.FromSeconds(10));
        using var reopened = new LiteDbDocumentStore(_temp.File("store.db"));
        Assert.Equal(["outbox/c/2"], (await reopened.ListAsync("outbox/")).Select(d => d.Key));
    }

    public void Dispose() => _temp.Dispose();
}
