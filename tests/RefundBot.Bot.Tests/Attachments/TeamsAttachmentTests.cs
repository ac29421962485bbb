using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using RefundBot.Bot.AgentDesk;
using RefundBot.Bot.Attachments;
using RefundBot.Bot.Channels.BotConnector;

namespace RefundBot.Bot.Tests.Attachments;

/// <summary>
/// Files sent to the bot in Teams, played on loopback by <see cref="FakeChannel"/>: an image's contentUrl on the
/// channel's own host is fetched with the bot's token and kept; one on any other host is never fetched. A file (Teams'
/// <c>file.download.info</c>) is fetched from its SharePoint <c>downloadUrl</c>, played by <see cref="FakeSharePoint"/>
/// since no https SharePoint host is on loopback, without the bot's token; both reach the case on the agent desk.
/// </summary>
public sealed class TeamsAttachmentTests : IAsyncLifetime
{
    private const string AppId = "5f4a9c1e-0000-0000-0000-00000000f11e";
    private const string Tenant = "72f988bf-0000-0000-0000-0000000000aa";
    private readonly TempDirectory _temp = new();
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "teams-key" };
    private FakeChannel _teams = null!;
    private FakeChannel _elsewhere = null!;
    private readonly FakeSharePoint _sharePoint = new();
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
            ["AgentDesk:Agents:0:Id"] = "alice",
            ["AgentDesk:Agents:0:DisplayName"] = "Alice",
            ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("alice-secret"),
        }).WithServices(services => services.AddHttpClient(ChannelAttachmentReceiver.LinkClient).ConfigurePrimaryHttpMessageHandler(() => _sharePoint));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _sharePoint.Dispose();
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

    /// <summary>
    /// Issue 23: in Teams, a screenshot pasted with the request and a receipt sent as a file when the bot asks for the
    /// proof of purchase reach the case: on the agent desk the receipt is the case's proof, waiting for its check.
    /// </summary>
    [Fact]
    public async Task An_image_and_a_file_sent_in_teams_reach_the_case_on_the_agent_desk()
    {
        const string chat = "a:1on1-evidence";
        var receipt = TestFiles.Pdf("Order SD-2001");
        var screenshot = TestImages.Png(64, 48);
        _sharePoint.Files["/personal/camille/Documents/Microsoft%20Teams%20Chat%20Files/receipt.pdf"] = receipt;
        _teams.Files["img-evidence"] = screenshot;

        await SendAsync(Message(chat, "e1", "hi, I want a refund for order SD-2001, the service doesn't work, I paid €79",
            new JsonObject { ["contentType"] = "image/*", ["contentUrl"] = _teams.FileUrl("img-evidence") },
            new JsonObject { ["contentType"] = "text/html", ["content"] = "<div>the service doesn't work <img src=\"" + _teams.FileUrl("img-evidence") + "\"></div>" }),
            "^Here is your request");
        await SendAsync(Message(chat, "e2", "yes"), "^A refund needs a valid proof of purchase");
        var next = await SendAsync(Message(chat, "e3", null, new JsonObject
        {
            ["contentType"] = ChannelAttachmentReceiver.TeamsFileDownload,
            ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/camille/Documents/Microsoft%20Teams%20Chat%20Files/receipt.pdf",
            ["name"] = "receipt.pdf",
            ["content"] = new JsonObject
            {
                ["downloadUrl"] = "https://contoso-my.sharepoint.com/personal/camille/Documents/Microsoft%20Teams%20Chat%20Files/receipt.pdf?tempauth=abc",
                ["uniqueId"] = "1150d938-8870-4044-9f2c-5bbde2f8e6d4",
                ["fileType"] = "pdf",
            },
        }), Question);
        for (var turn = 0; !next.Contains("provisional decision", StringComparison.Ordinal) && turn < 5; turn++)
        {
            next = await SendAsync(Message(chat, "q" + turn, Answers.First(a => Regex.IsMatch(next, a.Question)).Answer), Question);
        }

        Assert.Equal("Bearer " + FakeChannel.IssuedToken, _teams.FileAuthorizations.Single());
        Assert.Equal([null], _sharePoint.Authorizations); // the link carries its own authorisation: the bot's token never goes to SharePoint
        var agent = await SignInAsync();
        var files = (await agent.GetFromJsonAsync<JsonElement>($"/agent/api/files?conversation=msteams/conversations/{chat}")).EnumerateArray().ToList();
        Assert.Equal([AttachmentHash.Of(screenshot), AttachmentHash.Of(receipt)], files.Select(f => f.GetProperty("sha256").GetString()));
        Assert.True(files[0].GetProperty("thumbnail").GetBoolean());
        Assert.Equal(JsonValueKind.Null, files[0].GetProperty("document").ValueKind);
        var proof = files[1].GetProperty("document");
        Assert.Equal(("proof_of_purchase", "received"), (proof.GetProperty("factId").GetString(), proof.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/agent/api/files/{AttachmentHash.Of(screenshot)}/thumbnail?conversation=msteams/conversations/{chat}")).StatusCode);
    }

    /// <summary>Teams shows the Attach button in a bot's chat only when its app says it takes files, and the bot tells customers to use it.</summary>
    [Fact]
    public void The_teams_app_manifest_says_the_bot_takes_files()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "teams", "manifest.template.json")))
        {
            folder = folder.Parent;
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder!.FullName, "teams", "manifest.template.json")))!;
        Assert.True(manifest["bots"]![0]!["supportsFiles"]!.GetValue<bool>());
    }

    /// <summary>Seven-Day Services' questions after the proof of purchase, and how the customer answers them.</summary>
    private static readonly (string Question, string Answer)[] Answers =
    [
        ("Terms of Use", "no"),
        ("What kind of purchase", "a one-time purchase"),
        ("how much of the service", "0"),
    ];

    private static readonly string Question = string.Join("|", Answers.Select(a => a.Question).Append("provisional decision"));

    /// <summary>Posts the activity and reads the bot's replies until one matches <paramref name="expected"/>; returns that one.</summary>
    private async Task<string> SendAsync(JsonObject activity, string expected)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(activity, Token())).StatusCode);
        var seen = new List<string?>();
        while (true)
        {
            ReceivedReply reply;
            try
            {
                reply = await _teams.NextReplyAsync();
            }
            catch (TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"No reply matched {expected}; the bot said: {string.Join(" | ", seen)}");
            }

            seen.Add(reply.Text);
            if (reply.Text is { } text && Regex.IsMatch(text, expected))
            {
                return text;
            }
        }
    }

    private async Task<HttpClient> SignInAsync()
    {
        var http = _bot.CreateClient();
        var signIn = await http.PostAsJsonAsync("/agent/api/login", new { username = "alice", password = "alice-secret" });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        http.DefaultRequestHeaders.Add("Cookie", signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        return http;
    }

    private JsonObject Message(string conversation, string id, string? text, params JsonObject[] attachments)
    {
        var message = Message(id, new JsonObject());
        message["conversation"]!["id"] = conversation;
        message["text"] = text;
        message["attachments"] = new JsonArray([.. attachments]);
        return message;
    }

    /// <summary>SharePoint's download links, in memory: each GET of a known path over https answers its bytes, and the Authorization it carried is noted.</summary>
    private sealed class FakeSharePoint : HttpMessageHandler
    {
        public Dictionary<string, byte[]> Files { get; } = [];

        public List<string?> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.Authorization?.ToString());
            var found = request.Method == HttpMethod.Get && request.RequestUri is { Scheme: "https", Host: "contoso-my.sharepoint.com" } uri
                && Files.TryGetValue(uri.AbsolutePath, out var file) ? file : null;
            return Task.FromResult(found is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(found) });
        }
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
