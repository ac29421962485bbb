using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace RefundBot.Bot.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_and_ready_answer_healthy_when_the_store_answers()
    {
        using var temp = new TempDirectory();
        await using var bot = BotUnderTest.WithLiteDb(temp.File("bot.db"));
        var http = bot.CreateClient();

        foreach (var path in new[] { "/health/live", "/health/ready", "/healthz" })
        {
            var answer = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("Healthy", await answer.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Ready_answers_unavailable_when_the_store_fails()
    {
        var store = new BreakableStore();
        await using var bot = new BotUnderTest(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" })
            .WithServices(services => services.AddSingleton<RefundBot.Dialogs.Runtime.Storage.IDocumentStore>(store));
        var http = bot.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        store.Broken = true;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    /// <summary>The in-memory store, until the test breaks it: then every read fails as a lost disk would.</summary>
    private sealed class BreakableStore : RefundBot.Dialogs.Runtime.Storage.IDocumentStore
    {
        private readonly RefundBot.Dialogs.Runtime.Storage.MemoryDocumentStore _inner = new();

        public bool Broken { get; set; }

        public Task<RefundBot.Dialogs.Runtime.Storage.StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
            Broken ? throw new IOException("disk gone") : _inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default) =>
            _inner.WriteAsync(key, json, expectedETag, cancellationToken);

        public Task DeleteAsync(string key, string expectedETag = "*", CancellationToken cancellationToken = default) =>
            _inner.DeleteAsync(key, expectedETag, cancellationToken);

        public Task<IReadOnlyList<RefundBot.Dialogs.Runtime.Storage.StoredDocument>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default) =>
            _inner.ListAsync(keyPrefix, cancellationToken);

        public Task<IReadOnlyList<string>> CommitAsync(
            IReadOnlyList<RefundBot.Dialogs.Runtime.Storage.DocumentWrite> writes, CancellationToken cancellationToken = default) =>
            _inner.CommitAsync(writes, cancellationToken);

        public Task<IReadOnlyList<RefundBot.Dialogs.Runtime.Storage.StoredDocument>> FindRangeAsync(
            RefundBot.Dialogs.Runtime.Storage.DocumentIndex index, string from, string to, int limit, bool descending = false, CancellationToken cancellationToken = default) =>
            Broken ? throw new IOException("disk gone") : _inner.FindRangeAsync(index, from, to, limit, descending, cancellationToken);
    }
}
