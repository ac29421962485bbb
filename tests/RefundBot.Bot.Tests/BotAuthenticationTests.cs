using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace RefundBot.Bot.Tests;

/// <summary>
/// With an app id configured, /api/messages accepts only Bot Connector tokens: signed by a published key, for this
/// app id, from the right issuer, in date, for the activity's serviceUrl and, where the key says so, its channel.
/// </summary>
public sealed class BotAuthenticationTests : IAsyncLifetime
{
    private const string AppId = "00000000-0000-0000-0000-00000000b07a";
    private readonly TempDirectory _temp = new();
    private readonly RsaSecurityKey _key = NewKey("key-1");
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        Publish(_key, endorsements: ["emulator", "msteams"]);
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["BotConnector:AppId"] = AppId,
            ["BotConnector:AllowedServiceUrls:0"] = _channel.ServiceUrl, // an authenticated bot replies to loopback only when it is listed
            ["BotConnector:OpenIdMetadataUrl"] = _channel.MetadataUrl,
            ["BotConnector:AppPassword"] = "app-password",
            ["BotConnector:TokenEndpoint"] = _channel.TokenEndpoint,
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused()
    {
        var response = await _bot.PostAsync(Hello("c1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_request_with_a_valid_channel_token_is_answered()
    {
        var response = await _bot.PostAsync(Hello("c2"), Token(_key));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("Hi, I'm the ", (await _channel.NextReplyAsync()).Text);
    }

    public static TheoryData<string, Func<SecurityTokenDescriptor, SecurityTokenDescriptor>> BadTokens() => new()
    {
        { "another audience", d => { d.Audience = "someone-else"; return d; } },
        { "another issuer", d => { d.Issuer = "https://evil.example"; return d; } },
        { "expired beyond the clock skew", d => { d.NotBefore = DateTime.UtcNow.AddHours(-2); d.Expires = DateTime.UtcNow.AddMinutes(-6); return d; } },
        { "a serviceurl claim for another service", d => { d.Claims["serviceurl"] = "https://elsewhere.example"; return d; } },
        { "no serviceurl claim", d => { d.Claims.Remove("serviceurl"); return d; } },
        { "signed by an unpublished key", d => { d.SigningCredentials = new SigningCredentials(NewKey("key-1"), SecurityAlgorithms.RsaSha256); return d; } },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_fails_a_check_is_refused(string because, Func<SecurityTokenDescriptor, SecurityTokenDescriptor> spoil)
    {
        var response = await _bot.PostAsync(Hello("c3"), Token(_key, spoil));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"a token with {because} was accepted");
    }

    [Fact]
    public async Task A_key_not_endorsed_for_the_channel_is_refused()
    {
        var teamsOnly = NewKey("key-teams");
        Publish(teamsOnly, endorsements: ["msteams"]);

        var response = await _bot.PostAsync(Hello("c4"), Token(teamsOnly));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Teams' and Web Chat's conversations are reached only with a key that says it speaks for them.</summary>
    [Theory]
    [InlineData("msteams")]
    [InlineData("directline")]
    [InlineData("webchat")]
    public async Task A_key_that_lists_no_endorsements_cannot_speak_for_teams_or_web_chat(string channelId)
    {
        var silent = NewKey("key-silent");
        Publish(silent, endorsements: []);

        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(Hello("c6"), Token(silent))).StatusCode); // the emulator
        var response = await _bot.PostAsync(new
        {
            type = "message", id = "m-" + channelId, text = "hello", channelId, serviceUrl = _channel.ServiceUrl,
            from = new { id = "user-1" }, recipient = new { id = "bot-1" }, conversation = new { id = "c7-" + channelId },
        }, Token(silent));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task After_a_key_rollover_tokens_signed_with_the_new_key_are_accepted()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(Hello("c5"), Token(_key))).StatusCode);

        var next = NewKey("key-2");
        Publish(next, endorsements: ["emulator"]);

        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(Hello("c5"), Token(next))).StatusCode);
    }

    private object Hello(string conversationId) => EmulatorActivities.Message(_channel, conversationId, "hello", "m-" + Guid.NewGuid().ToString("N"));

    private string Token(RsaSecurityKey key, Func<SecurityTokenDescriptor, SecurityTokenDescriptor>? spoil = null) =>
        _channel.ChannelToken(key, AppId, spoil);

    private void Publish(RsaSecurityKey key, string[] endorsements) => _channel.PublishSigningKey(key, endorsements);

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };
}
