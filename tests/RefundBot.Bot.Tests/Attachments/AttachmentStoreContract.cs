using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.Attachments;

namespace RefundBot.Bot.Tests.Attachments;

/// <summary>What every <see cref="IAttachmentStore"/> promises: files by conversation and content, kept once, erased with their conversation.</summary>
public abstract class AttachmentStoreContract
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    protected abstract IAttachmentStore Store { get; }

    [Fact]
    public async Task A_file_is_read_back_byte_for_byte_with_what_is_known_of_it()
    {
        var content = TestFiles.Pdf();
        var info = Info("directline/conversations/c1", content, "receipt.pdf", Monday);

        await Store.PutAsync(info, content, default);

        Assert.Equal(content, await Store.ReadAsync(info.ConversationKey, info.Sha256, default));
        Assert.Equal(info, await Store.FindAsync(info.ConversationKey, info.Sha256, default));
    }

    [Fact]
    public async Task The_same_file_sent_twice_in_a_conversation_is_kept_once_as_first_named()
    {
        var content = TestFiles.Png();
        var first = Info("msteams/conversations/a:1", content, "photo.png", Monday);

        await Store.PutAsync(first, content, default);
        await Store.PutAsync(first with { Name = "again.png", StoredAt = Monday.AddHours(1) }, content, default);

        Assert.Equal([first], await Store.ListAsync(first.ConversationKey, default));
    }

    [Fact]
    public async Task A_conversation_lists_and_erases_only_its_own_files()
    {
        var pdf = TestFiles.Pdf();
        var png = TestFiles.Png();
        var mine = Info("directline/conversations/mine", pdf, "receipt.pdf", Monday);
        var mineToo = Info("directline/conversations/mine", png, "screen.png", Monday.AddMinutes(1));
        var theirs = Info("directline/conversations/theirs", pdf, "receipt.pdf", Monday);
        foreach (var (info, content) in new[] { (mine, pdf), (mineToo, png), (theirs, pdf) })
        {
            await Store.PutAsync(info, content, default);
        }

        Assert.Equal([mine, mineToo], await Store.ListAsync(mine.ConversationKey, default));
        Assert.Equal(2, await Store.DeleteConversationAsync(mine.ConversationKey, default));

        Assert.Empty(await Store.ListAsync(mine.ConversationKey, default));
        Assert.Null(await Store.ReadAsync(mine.ConversationKey, mine.Sha256, default));
        Assert.Equal(pdf, await Store.ReadAsync(theirs.ConversationKey, theirs.Sha256, default));
    }

    [Fact]
    public async Task Retention_erases_the_files_stored_before_its_limit_and_keeps_the_newer()
    {
        var old = TestFiles.Jpeg();
        var recent = TestFiles.Pdf();
        var oldInfo = Info("directline/conversations/r", old, "old.jpg", Monday.AddDays(-100));
        var recentInfo = Info("directline/conversations/r", recent, "new.pdf", Monday);
        await Store.PutAsync(oldInfo, old, default);
        await Store.PutAsync(recentInfo, recent, default);

        Assert.Equal(1, await Store.DeleteOlderThanAsync(Monday.AddDays(-90), default));

        Assert.Equal([recentInfo], await Store.ListAsync("directline/conversations/r", default));
    }

    [Fact]
    public async Task An_unknown_file_or_conversation_is_simply_not_there()
    {
        Assert.Null(await Store.ReadAsync("directline/conversations/none", new string('a', 64), default));
        Assert.Null(await Store.FindAsync("directline/conversations/none", new string('a', 64), default));
        Assert.Empty(await Store.ListAsync("directline/conversations/none", default));
        Assert.Equal(0, await Store.DeleteConversationAsync("directline/conversations/none", default));
    }

    protected static StoredAttachmentInfo Info(string conversation, byte[] content, string name, DateTimeOffset at) =>
        new(conversation, AttachmentHash.Of(content), name, FileSniffer.MediaType(content)!, content.Length, at);
}

public sealed class LocalFolderAttachmentStoreTests : AttachmentStoreContract, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LocalFolderAttachmentStore _store;

    public LocalFolderAttachmentStoreTests() => _store = new LocalFolderAttachmentStore(_temp.File("attachments"));

    protected override IAttachmentStore Store => _store;

    [Fact]
    public async Task A_name_that_is_not_a_sha256_never_reaches_the_disk()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadAsync("directline/conversations/c", "../../etc/passwd", default));
    }

    [Fact]
    public async Task No_customer_text_becomes_part_of_a_path()
    {
        var content = Encoding.ASCII.GetBytes("%PDF-1.4 x");
        await Store.PutAsync(Info("directline/conversations/../../escape", content, "../../x.pdf", DateTimeOffset.UtcNow), content, default);

        var stored = Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories).ToList();
        Assert.All(stored, path => Assert.StartsWith(_temp.File("attachments"), path));
        Assert.DoesNotContain(stored, path => path.Contains("escape", StringComparison.Ordinal) || path.Contains("x.pdf", StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();
}

[Collection(ScaleOut.PostgresCollection.Name)]
public sealed class PostgresAttachmentStoreTests(ScaleOut.LocalPostgres postgres) : AttachmentStoreContract, IAsyncLifetime
{
    private Npgsql.NpgsqlDataSource? _dataSource;
    private IAttachmentStore? _store;

    protected override IAttachmentStore Store => _store!;

    public async Task InitializeAsync()
    {
        _dataSource = Npgsql.NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await PostgresAttachmentStore.MigrateAsync(_dataSource);
        await PostgresAttachmentStore.MigrateAsync(_dataSource); // a second start finds the table there
        _store = new PostgresAttachmentStore(_dataSource);
    }

    public async Task DisposeAsync() => await _dataSource!.DisposeAsync();
}

/// <summary>The S3-compatible bucket through the AWS SDK, against <see cref="LoopbackS3"/>.</summary>
public sealed class S3AttachmentStoreTests : AttachmentStoreContract, IAsyncLifetime
{
    private LoopbackS3 _s3 = null!;
    private Amazon.S3.IAmazonS3 _client = null!;
    private IAttachmentStore? _store;

    protected override IAttachmentStore Store => _store!;

    public async Task InitializeAsync()
    {
        _s3 = await LoopbackS3.StartAsync();
        _client = S3AttachmentStore.Client(new S3Options
        {
            Endpoint = _s3.Endpoint, Bucket = LoopbackS3.Bucket, AccessKey = LoopbackS3.AccessKey, SecretKey = LoopbackS3.SecretKey,
        });
        _store = new S3AttachmentStore(_client, LoopbackS3.Bucket);
    }

    [Fact]
    public async Task Keys_are_hashes_never_customer_text()
    {
        var content = TestFiles.Pdf();
        await Store.PutAsync(Info("directline/conversations/../../escape", content, "../../x.pdf", DateTimeOffset.UtcNow), content, default);

        Assert.Equal(2, _s3.Objects.Count);
        Assert.All(_s3.Objects.Keys, key => Assert.Matches("^[0-9a-f]{64}/[0-9a-f]{64}\\.(bin|json)$", key));
    }

    [Fact]
    public async Task A_bucket_that_refuses_the_keys_is_an_error_not_an_empty_conversation()
    {
        using var wrong = S3AttachmentStore.Client(new S3Options { Endpoint = _s3.Endpoint, Bucket = LoopbackS3.Bucket, AccessKey = "someone-else", SecretKey = "x" });

        await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => new S3AttachmentStore(wrong, LoopbackS3.Bucket).ListAsync("directline/conversations/c1", default));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _s3.DisposeAsync();
    }
}

/// <summary>Attachments:Provider = S3 gives the bot the bucket's store; start-up refuses an incomplete bucket.</summary>
public sealed class S3ProviderSetupTests : IAsyncLifetime
{
    private LoopbackS3 _s3 = null!;

    public async Task InitializeAsync() => _s3 = await LoopbackS3.StartAsync();

    public async Task DisposeAsync() => await _s3.DisposeAsync();

    [Fact]
    public async Task The_bot_keeps_files_in_the_configured_bucket()
    {
        await using var bot = Bot(new()
        {
            ["Attachments:S3:Endpoint"] = _s3.Endpoint, ["Attachments:S3:Bucket"] = LoopbackS3.Bucket,
            ["Attachments:S3:AccessKey"] = LoopbackS3.AccessKey, ["Attachments:S3:SecretKey"] = LoopbackS3.SecretKey,
        });
        var intake = bot.Services.GetRequiredService<AttachmentIntake>();

        var kept = await intake.ReceiveAsync("directline/conversations/s3", "receipt.pdf", TestFiles.Pdf(), default);

        Assert.True(kept.IsStored);
        Assert.Contains(_s3.Objects, o => o.Key.EndsWith(kept.Sha256 + ".bin", StringComparison.Ordinal) && o.Value.SequenceEqual(TestFiles.Pdf()));
    }

    /// <summary>What the start-up validation of Attachments:Provider = S3 asks of the bucket's settings.</summary>
    [Theory]
    [InlineData("http://127.0.0.1:9000", "files", "key", "secret", true)]
    [InlineData("", "files", "key", "secret", false)]
    [InlineData("minio:9000", "files", "key", "secret", false)]
    [InlineData("http://127.0.0.1:9000", "", "key", "secret", false)]
    [InlineData("http://127.0.0.1:9000", "files", "", "secret", false)]
    [InlineData("http://127.0.0.1:9000", "files", "key", "", false)]
    public void A_bucket_needs_an_absolute_endpoint_a_name_and_both_keys(string endpoint, string bucket, string accessKey, string secretKey, bool complete)
    {
        Assert.Equal(complete, new S3Options { Endpoint = endpoint, Bucket = bucket, AccessKey = accessKey, SecretKey = secretKey }.IsComplete);
    }

    private static BotUnderTest Bot(Dictionary<string, string?> s3) => new(new Dictionary<string, string?>(s3)
    {
        ["Storage:Provider"] = "Memory",
        ["Attachments:Provider"] = "S3",
    });
}
