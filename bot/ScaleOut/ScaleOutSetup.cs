using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using RefundBot.Bot.Hosting;
using RefundBot.Dialogs.Runtime.Storage;
using StackExchange.Redis;

namespace RefundBot.Bot.ScaleOut;

/// <summary>
/// What lets several instances serve as one: Data Protection keys in the shared store (sign-in cookies valid on every
/// instance) and, when ConnectionStrings:Redis is set, the SignalR Redis backplane, so an agent connected to one
/// instance hears about queues and transcripts changed on another.
/// </summary>
public static partial class ScaleOutSetup
{
    public const string RedisConnectionName = "Redis";

    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("RefundBot");
        services.Configure<KeyProtectionOptions>(configuration.GetSection(KeyProtectionOptions.Section));
        var keyProtection = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        if (keyProtection.IsConfigured)
        {
            // Linux has no machine certificate store to look a thumbprint up in: the certificate comes from its file. The
            // same certificate decrypts the keys again (ProtectKeysWithCertificate registers it for decryption too).
            dataProtection.ProtectKeysWithCertificate(LoadCertificate(keyProtection));
        }

        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new DocumentStoreXmlRepository(sp.GetRequiredService<IDocumentStore>())));

        var signalR = services.AddSignalR();
        if (configuration.GetConnectionString(RedisConnectionName) is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = RedisChannel.Literal("RefundBot"));
        }

        return services;
    }

    /// <summary>The PFX file, or a start-up error that names the setting (never the password).</summary>
    private static X509Certificate2 LoadCertificate(KeyProtectionOptions settings)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath!, settings.CertificatePassword);
            return certificate.HasPrivateKey ? certificate : throw new InvalidOperationException("the file holds no private key");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or InvalidOperationException)
        {
            throw new StartupRefusedException(
                $"DataProtection:CertificatePath '{settings.CertificatePath}' could not be used to protect the keys: {exception.Message}");
        }
    }

    /// <summary>Says once, at start, that the keys are kept unencrypted when no certificate protects them.</summary>
    public static WebApplication WarnAboutUnprotectedKeys(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<KeyProtectionOptions>>().Value.IsConfigured)
        {
            LogKeysUnprotected(app.Logger);
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data Protection keys (agents' sign-in cookies, the generated Direct Line secret) are stored unencrypted in the bot's store: set DataProtection:CertificatePath and DataProtection:CertificatePassword to a PFX certificate to encrypt them (see the README)")]
    private static partial void LogKeysUnprotected(ILogger logger);
}
