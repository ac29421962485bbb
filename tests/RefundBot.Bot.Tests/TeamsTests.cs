using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace RefundBot.Bot.Tests;

/// <summary>
/// Teams through the Bot Connector, played on loopback by <see cref="FakeChannel"/>: signed inbound activities, the
/// bot's own token on its replies, retries, mentions, threads, Adaptive Cards and the support-channel announcement.
/// </summary>
public sealed class TeamsTests : IAsyncLifetime
{
    private const string AppId = "5f4a9c1e-0000-0000-0000-00000000b07a";
    private const string Tenant = "72f988bf-0000-0000-0000-0000000000aa";
    private readonly TempDirectory _temp = new();
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "teams-key" };
    private FakeChannel _teams = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _teams = await FakeChannel.StartAsync();
        _teams.PublishSigningKey(_key, "msteams");
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["BotConnector:AppId"] = AppId,
            ["BotConnector:AllowedServiceUrls:0"] = _teams.ServiceUrl, // an authenticated bot replies to loopback only when it is listed
            ["BotConnector:AppPassword"] = "app-password",
            ["BotConnector:OpenIdMetadataUrl"] = _teams.MetadataUrl,
            ["BotConnector:TokenEndpoint"] = _teams.TokenEndpoint,
            ["Policies:Tenants:" + Tenant] = "smarters-pro",
            ["Teams:SupportChannel:ServiceUrl"] = _teams.ServiceUrl,
            ["Teams:SupportChannel:ChannelId"] = "19:support@thread.tacv2",
            ["Teams:SupportChannel:TenantId"] = Tenant,
            ["Teams:CaseLinkTemplate"] = "https://support.example/cases/{caseId}",
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _teams.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Installing_the_bot_in_a_team_posts_a_welcome_with_the_bots_own_token()
    {
        var installed = Activity("conversationUpdate", "19:general@thread.tacv2", null, "install-1", locale: "en-US");
        installed["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + AppId });

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(installed)).StatusCode);

        Assert.StartsWith("Hi, I'm the ", (await _teams.NextReplyAsync()).Text);
        Assert.Equal("Bearer " + FakeChannel.IssuedToken, _teams.ReplyAuthorizations.Single());
    }

    [Fact]
    public async Task A_mention_is_stripped_and_the_reply_goes_to_the_thread_of_the_message()
    {
        const string thread = "19:general@thread.tacv2;messageid=1700000000001";
        var message = Activity("message", thread, "<at>RefundBot</at> refund for order SP-5002 please", "1700000000001", locale: "en-US");
        message["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>RefundBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "RefundBot" },
        });

        await PostAsync(message);

        var replies = await _teams.RepliesAsync(2);
        Assert.All(replies, r => Assert.Equal((thread, "1700000000001"), (r.ConversationId, r.ReplyToId)));
        Assert.StartsWith("Why would you like a refund?", replies[1].Text);
    }

    [Fact]
    public async Task A_french_user_in_a_mapped_tenant_gets_french_an_adaptive_card_and_the_support_channel_hears_of_it()
    {
        const string chat = "a:1on1-french-user";
        await SayAsync(chat, "Remboursement de la commande SP-5002, ça ne marche pas", "m1", replies: 2);
        await SayAsync(chat, "oui", "m2", replies: 2);
        await SayAsync(chat, "Autre chose", "m3");
        var decision = (await SayAsync(chat, "Oui, mais cela n'a pas été résolu en 48 heures", "m4", replies: 2))[0];

        Assert.StartsWith("**Cette demande doit être tranchée par un membre de notre équipe.**", decision.Text);
        var card = Assert.Single(decision.Activity.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.ContentType);
        Assert.Equal("AdaptiveCard", card.Content!.Value.GetProperty("type").GetString());
        var announcement = await _teams.CreatedConversations.Reader.ReadAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.Equal("19:support@thread.tacv2", announcement.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Contains("needs a person", announcement.GetProperty("activity").GetProperty("text").GetString());
        Assert.Contains("https://support.example/cases/RB-", announcement.GetProperty("activity").GetProperty("text").GetString());
    }

    [Fact]
    public async Task When_the_support_team_takes_over_a_case_the_support_channel_is_given_it_with_its_deadline()
    {
        const string chat = "a:1on1-waiting-user";
        await SayAsync(chat, "remboursement SP-5001, les chaînes ne se chargent pas", "w1", replies: 2);
        await SayAsync(chat, "oui", "w2", replies: 2);
        await SayAsync(chat, "Autre chose", "w3");
        await SayAsync(chat, "Pas encore", "w4", replies: 3);
        await SayAsync(chat, "non", "w5");
        await SayAsync(chat, "non", "w6");
        await SayAsync(chat, "non", "w7");
        var waiting = (await SayAsync(chat, "Non, ça ne fonctionne toujours pas", "w8"))[0];

        Assert.StartsWith("Je suis désolé que cela ne fonctionne toujours pas. Notre équipe d'assistance prend le relais", waiting.Text);
        var announcement = await _teams.CreatedConversations.Reader.ReadAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        var text = announcement.GetProperty("activity").GetProperty("text").GetString()!;
        Assert.Matches(@"^\*\*Case RB-[0-9A-Z]{8} is the support team's to solve by \d{4}-\d\d-\d\d \d\d:\d\d UTC\*\*", text);
        Assert.Contains("mark it solved on the agent desk", text);
    }

    [Fact]
    public async Task A_throttled_reply_is_retried_after_the_connectors_retry_after_and_the_token_is_reused()
    {
        _teams.ThrottleNextReplies = 1;

        await PostAsync(Activity("message", "a:1on1", "hello", "m1", locale: "en-US"));
        var replies = await _teams.RepliesAsync(2);

        Assert.StartsWith("Hi, I'm the ", replies[0].Text);
        Assert.Equal(3, _teams.ReplyAuthorizations.Count);
        Assert.Equal(1, _teams.TokensIssued);
    }

    [Fact]
    public async Task A_tampered_signature_is_refused()
    {
        var token = Token();
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");

        var response = await _bot.PostAsync(Activity("message", "a:1on1", "hi", "m1", "en-US"), tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<IReadOnlyList<ReceivedReply>> SayAsync(string conversation, string text, string id, int replies = 1)
    {
        await PostAsync(Activity("message", conversation, text, id, locale: "fr-FR"));
        return await _teams.RepliesAsync(replies);
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity) => await _bot.PostAsync(activity, Token());

    private JsonObject Activity(string type, string conversationId, string? text, string id, string locale) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["text"] = text,
        ["locale"] = locale,
        ["channelId"] = "msteams",
        ["serviceUrl"] = _teams.ServiceUrl,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Camille", ["aadObjectId"] = "00000000-aaaa" },
        ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "RefundBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["tenantId"] = Tenant },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
    };

    private string Token() => _teams.ChannelToken(_key, AppId);
}
