using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefundBot.Bot.AgentDesk;
using RefundBot.Bot.Channels.DirectLine;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests.Security;

/// <summary>
/// The keys kept in the bot's store (Data Protection's key ring, which signs agents' cookies, and the generated Direct
/// Line secret) are encrypted at rest with the certificate of DataProtection:CertificatePath, so a copy of the database
/// alone neither forges a desk session nor mints Direct Line tokens.
/// </summary>
public sealed class KeyProtectionTests : IDisposable
{
    private const string CertificatePassword = "pfx-test-password";
    private readonly TempDirectory _temp = new();
    private readonly string _certificate;

    public KeyProtectionTests()
    {
        _certificate = _temp.File("keys.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=RefundBot key protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_certificate, certificate.Export(X509ContentType.Pfx, CertificatePassword));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_cookies_survive_a_restart()
    {
        string cookie;
        string chatToken;
        await using (var bot = StartBot(withCertificate: true))
        {
            cookie = await SignInAsync(bot);
            chatToken = (await (await bot.CreateClient().PostAsJsonAsync("/api/chat/token", new { })).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("token").GetString()!;

            var keys = await bot.Services.GetRequiredService<IDocumentStore>().ListAsync("dataprotection/");
            Assert.NotEmpty(keys);
            Assert.All(keys, key =>
            {
                var xml = JsonSerializer.Deserialize<string>(key.Json)!;
                Assert.Contains("<encryptedSecret", xml);
                Assert.DoesNotContain("<masterKey", xml);
            });
        }

        await using var restarted = StartBot(withCertificate: true);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(restarted, HttpMethod.Get, "/agent/api/me", cookie: cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(restarted, HttpMethod.Post, "/v3/directline/tokens/refresh", bearer: chatToken)).StatusCode);
    }

    [Fact]
    public async Task The_generated_direct_line_secret_is_stored_encrypted()
    {
        await using var bot = StartBot(withCertificate: true);
        await bot.CreateClient().PostAsJsonAsync("/api/chat/token", new { });

        var stored = (await bot.Services.GetRequiredService<IDocumentStore>().ReadAsync(GeneratedDirectLineSecret.Key))!.Json;
        var ciphertext = JsonDocument.Parse(stored).RootElement.GetProperty("protected").GetString()!;
        var secret = bot.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(GeneratedDirectLineSecret.Purpose).Unprotect(ciphertext);

        Assert.DoesNotContain(secret, stored);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(bot, HttpMethod.Post, "/v3/directline/tokens/generate", bearer: ciphertext)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(bot, HttpMethod.Post, "/v3/directline/tokens/generate", bearer: secret)).StatusCode);
    }

    [Fact]
    public async Task A_secret_stored_in_clear_by_an_earlier_version_is_kept_and_encrypted()
    {
        await using (var earlier = StartBot(withCertificate: true))
        {
            var written = earlier.Services.GetRequiredService<IDocumentStore>();
            await written.WriteAsync(GeneratedDirectLineSecret.Key, "\"secret-from-an-earlier-version\"", ETags.Any);
        }

        await using var bot = StartBot(withCertificate: true); // the secret is read at start
        var store = bot.Services.GetRequiredService<IDocumentStore>();

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(bot, HttpMethod.Post, "/v3/directline/tokens/generate", bearer: "secret-from-an-earlier-version")).StatusCode);
        Assert.DoesNotContain("secret-from-an-earlier-version", (await store.ReadAsync(GeneratedDirectLineSecret.Key))!.Json);
    }

    [Fact]
    public async Task An_instance_that_cannot_decrypt_the_shared_secret_does_not_start_nor_replace_it()
    {
        await using (var first = StartBot(withCertificate: true))
        {
            first.CreateClient();
        }

        var stored = await ReadSecretDocumentAsync();
        await using (var other = StartBot(withCertificate: false)) // another key ring cannot decrypt what the first stored
        {
            Assert.ThrowsAny<Exception>(() => other.CreateClient());
        }

        Assert.Equal(stored, await ReadSecretDocumentAsync());
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task Keys_stored_unencrypted_are_warned_about_once_at_start(bool withCertificate, int warnings)
    {
        var logs = new LogCapture();
        await using var bot = StartBot(withCertificate).WithServices(services => services.AddLogging(l => l.AddProvider(logs).AddFilter<LogCapture>(_ => true)));
        await SignInAsync(bot);

        Assert.Equal(warnings, logs.Lines.Count(line => line.Contains("[Warning]") && line.Contains("DataProtection:CertificatePath")));
    }

    /// <summary>
    /// Opens the bot's file once the stopped host has let go of it: its background services may still be ending when
    /// its disposal returns, and LiteDB holds the file exclusively.
    /// </summary>
    private async Task<string?> ReadSecretDocumentAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var store = new RefundBot.Bot.Storage.LiteDbDocumentStore(_temp.File("bot.db"));
                return (await store.ReadAsync(GeneratedDirectLineSecret.Key))?.Json;
            }
            catch (IOException) when (attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    private BotUnderTest StartBot(bool withCertificate) => BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
    {
        ["AgentDesk:Agents:0:Id"] = "alice",
        ["AgentDesk:Agents:0:DisplayName"] = "Alice",
        ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("alice-secret"),
        ["DataProtection:CertificatePath"] = withCertificate ? _certificate : null,
        ["DataProtection:CertificatePassword"] = withCertificate ? CertificatePassword : null,
    });

    private static async Task<string> SignInAsync(BotUnderTest bot)
    {
        var signIn = await bot.CreateClient().PostAsJsonAsync("/agent/api/login", new { username = "alice", password = "alice-secret" });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        return signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private static async Task<HttpResponseMessage> SendAsync(BotUnderTest bot, HttpMethod method, string path, string? cookie = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await bot.CreateClient().SendAsync(request);
    }
}
