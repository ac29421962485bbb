using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RefundBot.Bot.Cases;

/// <summary>Who called the cases API: the key's holder and the policies it may read.</summary>
public sealed record CaseApiClient(string Name, IReadOnlySet<string> Policies)
{
    public bool MayRead(string? policyId) => policyId is not null && Policies.Contains(policyId);
}

/// <summary>
/// Checks the bearer key a business's system sends against the configured hashes. Only hashes are configured; the
/// presented key is hashed and compared to every configured hash in constant time (no early exit, no comparison that
/// stops at the first differing byte), so neither the keys nor which one matched leak through timing.
/// </summary>
public sealed class CaseApiKeys(IOptions<CasesApiOptions> options)
{
    /// <summary>The key's holder, or null when the request carries no key or an unknown one.</summary>
    public CaseApiClient? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || header.Length == "Bearer ".Length)
        {
            return null;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..]));
        CasesApiKey? match = null;
        foreach (var key in options.Value.Keys)
        {
            var configured = HashBytes(key.KeyHash);
            if (CryptographicOperations.FixedTimeEquals(presented, configured))
            {
                match = key;
            }
        }

        return match is null ? null : new CaseApiClient(match.Name, match.Policies.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>A new random key (256 bits, base64url) and the hash to configure for it.</summary>
    public static (string Key, string Hash) NewKey()
    {
        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (key, HashOf(key));
    }

    /// <summary>SHA-256 of a key, lowercase hex: what <see cref="CasesApiKey.KeyHash"/> holds.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static byte[] HashBytes(string hex)
    {
        try
        {
            return hex.Length == 64 ? Convert.FromHexString(hex) : new byte[32];
        }
        catch (FormatException)
        {
            return new byte[32];
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
