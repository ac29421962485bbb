using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace RefundBot.Bot.Tests.Attachments;

/// <summary>
/// Files sent to the bot in Teams, played on loopback by <see cref="FakeChannel"/>: an image's contentUrl on the
/// channel's own host is fetched with the bot's token and kept; one on any other host is never fetched.
/// </summary>
public sealed class TeamsAttachmentTests : IAsyncLifetime
{
    private const string AppId = "5f4a9c1e-0000-0000-0000-00000000f11e";
    private const string Tenant = "72f988bf-0000-0000-0000-0000000000aa";
    private readonly TempDirectory _temp = new();
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "teams-key" };
    private FakeChannel _teams = null!;
    private FakeChannel _elsewhere = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _teams = await FakeChannel.StartAsync();
        _elsewhere = await FakeChannel.StartAsync();
        _teams.PublishSigningKey(_key, "msteams");
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["BotConnector:AppId"] = AppId,
            ["BotConnector:AllowedServiceUrls:0"] = _teams.ServiceUrl,
            ["BotConnector:AllowedServiceUrls:1"] = _elsewhere.ServiceUrl, // reachable, so only the host rule keeps it out
            ["BotConnector:AppPassword"] = "app-password",
            ["BotConnector:OpenIdMetadataUrl"] = _teams.MetadataUrl,
            ["BotConnector:TokenEndpoint"] = _teams.TokenEndpoint,
            ["Policies:Tenants:" + Tenant] = "seven-day-services",
            ["Attachments:LocalFolder"] = _temp.File("files"),
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _teams.DisposeAsync();
        await _elsewhere.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task An_image_sent_in_teams_is_downloaded_with_the_bots_token_kept_and_acknowledged()
    {
        _teams.Files["img-1"] = TestFiles.Png();
        var message = Message("m1", new JsonObject { ["contentType"] = "image/*", ["contentUrl"] = _teams.FileUrl("img-1"), ["name"] = "screenshot.png" });

        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(message, Token())).StatusCode);

        var replies = await _teams.RepliesAsync(2);
        Assert.Contains(replies, r => r.Text!.StartsWith("Thanks, I have received **screenshot\\.png**", StringComparison.Ordinal));
        Assert.Equal("Bearer " + FakeChannel.IssuedToken, _teams.FileAuthorizations.Single());
        Assert.Single(Directory.EnumerateFiles(_temp.File("files"), "*.bin", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_content_url_on_another_host_than_the_channels_is_never_fetched()
    {
        _elsewhere.Files["img-2"] = TestFiles.Png();
        var message = Message("m2", new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = _elsewhere.FileUrl("img-2"), ["name"] = "photo.png" });

        await _bot.PostAsync(message, Token());

        var replies = await _teams.RepliesAsync(2);
        Assert.Contains(replies, r => r.Text!.StartsWith("I could not receive **photo\\.png**", StringComparison.Ordinal));
        Assert.Empty(_elsewhere.FileAuthorizations);
        Assert.False(Directory.Exists(_temp.File("files")) && Directory.EnumerateFiles(_temp.File("files"), "*.bin", SearchOption.AllDirectories).Any());
    }

    private JsonObject Message(string id, JsonObject attachment) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["locale"] = "en-US",
        ["channelId"] = "msteams",
        ["serviceUrl"] = _teams.ServiceUrl,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Camille", ["aadObjectId"] = "00000000-aaaa" },
        ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "RefundBot" },
        ["conversation"] = new JsonObject { ["id"] = "a:1on1-" + id, ["tenantId"] = Tenant },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
        ["attachments"] = new JsonArray(attachment),
    };

    private string Token() => _teams.ChannelToken(_key, AppId);
}
