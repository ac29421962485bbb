using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace RefundBot.Bot.Notifications;

/// <summary>
/// The token of a resume link: a Direct Line conversation id, signed and encrypted with ASP.NET Core Data Protection
/// (the key ring the bot already keeps in its store, so every instance reads every other's links) and stamped with its
/// expiry. It grants one thing: a new Direct Line token for that conversation (<see cref="ResumeApi"/>). Tampered,
/// expired, or issued by another deployment's keys, it reads as null.
/// </summary>
public sealed class ResumeTokens(IDataProtectionProvider provider)
{
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("RefundBot.ResumeLink.v1").ToTimeLimitedDataProtector();

    public string Issue(string conversationId, DateTimeOffset expires) => _protector.Protect(conversationId, expires);

    /// <summary>The conversation id of a valid token; null when the token is expired, tampered with or not one of ours.</summary>
    public string? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2048)
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(token, out _);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
