using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using RefundBot.Bot.Channels.BotConnector;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// The bot POSTs its replies to the activity's serviceUrl, so the serviceUrl decides where the bot's requests go.
/// Reproduces the report: with no app id the bot posted to any host, port and path (and its response times made it a
/// port scanner). Refusals happen before any connection: nothing here sends traffic beyond loopback.
/// </summary>
public sealed class ServiceUrlTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1:8080/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("https://attacker.example/")]
    [InlineData("http://[fe80::1]:80/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://user:secret@127.0.0.1:9/")]
    public async Task Without_an_app_id_an_activity_naming_a_serviceUrl_off_loopback_is_refused_before_any_turn(string serviceUrl)
    {
        var response = await _bot.PostAsync(Hello("ssrf-" + serviceUrl.GetHashCode(), serviceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("serviceUrl", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_an_app_id_the_emulator_on_loopback_is_answered()
    {
        var response = await _bot.PostAsync(Hello("emulator", _channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("Hi, I'm the ", (await _channel.NextReplyAsync()).Text);
    }

    [Fact]
    public async Task A_serviceUrl_listed_in_the_settings_is_accepted_without_an_app_id()
    {
        var policy = Policy(new BotConnectorOptions { AllowedServiceUrls = ["https://connector.internal.example:8443/any/path"] });

        Assert.Null(policy.Refusal("https://connector.internal.example:8443/v3/"));
        Assert.NotNull(policy.Refusal("https://connector.internal.example:9443/v3/"));
        Assert.True(policy.MayConnect(new Uri("https://connector.internal.example:8443/v3/conversations"), IPAddress.Parse("10.1.2.3")));
    }

    /// <summary>Other spellings of loopback are read as the address they mean: accepted without an app id, as loopback is.</summary>
    [Theory]
    [InlineData("http://2130706433:9/", true)]
    [InlineData("http://0x7f000001:9/", true)]
    [InlineData("http://[::ffff:127.0.0.1]:9/", true)]
    [InlineData("http://localhost:9/", true)]
    [InlineData("http://0x0a000001:9/", false)] // 10.0.0.1
    [InlineData("http://3232235777:9/", false)] // 192.168.1.1
    public void Without_an_app_id_only_what_means_loopback_is_accepted(string serviceUrl, bool accepted)
    {
        Assert.Equal(accepted, Policy(new BotConnectorOptions()).Refusal(serviceUrl) is null);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("169.254.169.254", false)] // cloud metadata
    [InlineData("10.20.30.40", false)]
    [InlineData("172.16.0.5", false)]
    [InlineData("192.168.0.10", false)]
    [InlineData("100.64.1.1", false)]
    [InlineData("fd00:ec2::254", false)]
    [InlineData("fe80::1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("52.112.0.10", true)] // where Teams' connector lives
    [InlineData("2603:1000::10", true)]
    public void With_an_app_id_a_connection_goes_only_to_a_public_address(string address, bool allowed)
    {
        var policy = Policy(new BotConnectorOptions { AppId = "app" });

        Assert.Equal(allowed, policy.MayConnect(new Uri("https://smba.trafficmanager.net/emea/"), IPAddress.Parse(address)));
    }

    [Fact]
    public async Task With_an_app_id_a_signed_serviceUrl_whose_name_resolves_to_loopback_receives_nothing()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "key-1" };
        _channel.PublishSigningKey(key, "emulator");
        await using var sink = await FakeChannel.StartAsync();
        var sinkByName = sink.ServiceUrl.Replace("127.0.0.1", "localhost");
        await using var bot = BotUnderTest.WithLiteDb(_temp.File("authenticated.db"), new Dictionary<string, string?>
        {
            ["BotConnector:AppId"] = "app-id",
            ["BotConnector:AppPassword"] = "app-password",
            ["BotConnector:OpenIdMetadataUrl"] = _channel.MetadataUrl,
            ["BotConnector:TokenEndpoint"] = _channel.TokenEndpoint,
        });
        var token = _channel.ChannelToken(key, "app-id", d => { d.Claims["serviceurl"] = sinkByName; return d; });

        await bot.PostAsync(Hello("rebind", sinkByName), token);

        await Assert.ThrowsAsync<TimeoutException>(() => sink.NextReplyAsync(TimeSpan.FromSeconds(2)));
    }

    private static ServiceUrlPolicy Policy(BotConnectorOptions options) => new(Options.Create(options));

    private static object Hello(string conversationId, string serviceUrl) => new
    {
        type = "conversationUpdate",
        id = "join-" + conversationId,
        channelId = "emulator",
        serviceUrl,
        from = new { id = "user-1" },
        recipient = new { id = "bot-1", name = "RefundBot" },
        conversation = new { id = conversationId },
        membersAdded = new[] { new { id = "bot-1" }, new { id = "user-1" } },
    };
}
