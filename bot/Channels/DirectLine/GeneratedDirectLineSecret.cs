using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>
/// The Direct Line secret of a deployment that configures none: generated once and kept in the store
/// (<c>directline/secret</c>) so tokens survive a restart and every instance shares it, encrypted with Data Protection
/// so that reading the store is not enough to mint tokens (the Data Protection keys are themselves encrypted when
/// DataProtection:CertificatePath is set). A secret stored in clear by an earlier version is read, then stored encrypted.
/// </summary>
public sealed partial class GeneratedDirectLineSecret(IDocumentStore store, IDataProtectionProvider dataProtection, ILogger<GeneratedDirectLineSecret> logger)
{
    public const string Key = "directline/secret";
    public const string Purpose = "RefundBot.DirectLine.Secret";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    private sealed record Stored(string Protected);

    // Read once, when the first Direct Line credential is checked; Data Protection's key ring is read synchronously anyway.
    public string Read()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return store.ReadAsync(Key).GetAwaiter().GetResult() is { } existing ? FromStore(existing) : Save(Generate(), expectedETag: null);
            }
            catch (ETagConflictException) when (attempt < 3)
            {
                // Another instance generated or re-encrypted it at the same moment: read what it stored.
            }
        }
    }

    private string FromStore(StoredDocument existing)
    {
        if (existing.Json.StartsWith('"'))
        {
            return Save(JsonSerializer.Deserialize<string>(existing.Json)!, existing.ETag);
        }

        try
        {
            return _protector.Unprotect(JsonSerializer.Deserialize<Stored>(existing.Json, JsonSerializerOptions.Web)!.Protected);
        }
        catch (CryptographicException)
        {
            // The keys that encrypted it are gone (a new key store, another certificate): only its tokens are lost.
            LogSecretReplaced(logger);
            return Save(Generate(), existing.ETag);
        }
    }

    private string Save(string secret, string? expectedETag)
    {
        store.WriteAsync(Key, JsonSerializer.Serialize(new Stored(_protector.Protect(secret)), JsonSerializerOptions.Web), expectedETag)
            .GetAwaiter().GetResult();
        return secret;
    }

    private static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored Direct Line secret could not be decrypted (its Data Protection keys are gone): a new one was generated; conversation tokens issued before no longer work")]
    private static partial void LogSecretReplaced(ILogger logger);
}
