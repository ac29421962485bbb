using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using RefundBot.Bot.Hosting;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>
/// The Direct Line secret of a deployment that configures none: generated once and kept in the store
/// (<c>directline/secret</c>) so tokens survive a restart and every instance shares it, encrypted with Data Protection
/// so that reading the store is not enough to mint tokens (the Data Protection keys are themselves encrypted when
/// DataProtection:CertificatePath is set). A secret stored in clear by an earlier version is read, then stored encrypted.
/// </summary>
public sealed class GeneratedDirectLineSecret(IDocumentStore store, IDataProtectionProvider dataProtection)
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
            // Another certificate than the other instances' (a rolling deploy gone wrong, say): replacing the shared
            // secret would end every conversation on every instance, so this instance does not start.
            throw new StartupRefusedException(
                "The stored Direct Line secret cannot be decrypted with this instance's Data Protection keys: give it the same "
                + "DataProtection:CertificatePath as the other instances, or set DirectLine:Secret.");
        }
    }

    private string Save(string secret, string? expectedETag)
    {
        store.WriteAsync(Key, JsonSerializer.Serialize(new Stored(_protector.Protect(secret)), JsonSerializerOptions.Web), expectedETag)
            .GetAwaiter().GetResult();
        return secret;
    }

    private static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
