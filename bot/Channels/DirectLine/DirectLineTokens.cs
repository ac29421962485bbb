using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RefundBot.Bot.Storage;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>
/// What a Direct Line bearer credential grants: every conversation (the secret) or one (a token).
/// <paramref name="FirstIssuedAt"/> is when the first token of the chain a token was renewed from was issued.
/// </summary>
public sealed record DirectLineGrant(bool IsSecret, string? ConversationId, string? UserId, string Purpose, DateTimeOffset? FirstIssuedAt = null)
{
    public const string ConversationPurpose = "conversation";
    public const string StreamPurpose = "stream";

    public static readonly DirectLineGrant Secret = new(true, null, null, ConversationPurpose);

    public bool Allows(string conversationId) => IsSecret || ConversationId == conversationId;
}

/// <summary>
/// Issues and checks Direct Line tokens: JWTs (HS256, keyed by the secret) bound to one conversation and, when the
/// site gave one, to a user id (the <c>user</c> claim DirectLineJS reads). Expired or foreign tokens are refused.
/// Each token carries when the first of its chain was issued (<c>first</c>): a token renewed from it (refresh,
/// reconnect) keeps that date and never lives past <see cref="DirectLineOptions.TokenMaxLifetime"/> after it, so a
/// token that leaked cannot be kept alive forever.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "refundbot-directline";
    private readonly JsonWebTokenHandler _handler = new();
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _clock;
    private readonly Lazy<string> _secret;
    private readonly Lazy<SymmetricSecurityKey> _key;

    /// <summary>
    /// Tokens whose signature was lately checked here, with their grant and expiry: a conversation's every request
    /// carries the same token, and its signature need not be checked again until it expires. A token is one exact
    /// string signed with this instance's key; its expiry is checked on every use.
    /// </summary>
    private readonly BoundedCache<string, (DirectLineGrant Grant, DateTime Expires)> _checked = new(TokensRemembered, StringComparer.Ordinal);

    /// <summary>Tokens remembered per generation of <see cref="_checked"/>: those of the conversations going on now.</summary>
    internal const int TokensRemembered = 4096;

    public DirectLineTokens(IOptions<DirectLineOptions> options, GeneratedDirectLineSecret generated, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        _secret = new Lazy<string>(() => string.IsNullOrWhiteSpace(_options.Secret) ? generated.Read() : _options.Secret);
        _key = new Lazy<SymmetricSecurityKey>(() => new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes("directline-token-key:" + _secret.Value))));
    }

    public TimeSpan Lifetime => _options.TokenLifetime;

    /// <summary>
    /// A token for the conversation; <paramref name="firstIssuedAt"/> (a renewed token's chain start, null for a new
    /// chain) caps its expiry at <see cref="DirectLineOptions.TokenMaxLifetime"/> after it.
    /// </summary>
    public string Issue(string conversationId, string? userId, string purpose = DirectLineGrant.ConversationPurpose, DateTimeOffset? firstIssuedAt = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var first = (firstIssuedAt ?? _clock.GetUtcNow()).UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["conv"] = conversationId,
            ["purpose"] = purpose,
            ["first"] = new DateTimeOffset(first).ToUnixTimeSeconds(),
        };
        if (userId is not null)
        {
            claims["user"] = userId;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = Min(now + (purpose == DirectLineGrant.StreamPurpose ? _options.StreamUrlLifetime : _options.TokenLifetime), first + _options.TokenMaxLifetime),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key.Value, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The grant of an Authorization header or stream token, or null when it is missing, forged or expired.</summary>
    public async Task<DirectLineGrant?> ReadAsync(string? credential)
    {
        if (string.IsNullOrWhiteSpace(credential))
        {
            return null;
        }

        if (IsSecret(credential))
        {
            return DirectLineGrant.Secret;
        }

        if (_checked.TryGetValue(credential, out var known))
        {
            return known.Expires > _clock.GetUtcNow().UtcDateTime ? known.Grant : null;
        }

        var result = await _handler.ValidateTokenAsync(credential, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = _key.Value,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.Zero,
            LifetimeValidator = (notBefore, expires, _, _) => expires > _clock.GetUtcNow().UtcDateTime,
        });
        if (!result.IsValid)
        {
            return null;
        }

        string? Claim(string name) => result.Claims.TryGetValue(name, out var value) ? value as string : null;
        var first = result.Claims.TryGetValue("first", out var seconds) && seconds is IConvertible number
            ? DateTimeOffset.FromUnixTimeSeconds(number.ToInt64(System.Globalization.CultureInfo.InvariantCulture))
            : new DateTimeOffset(result.SecurityToken.ValidFrom, TimeSpan.Zero); // a token issued before "first" existed
        var grant = new DirectLineGrant(false, Claim("conv"), Claim("user"), Claim("purpose") ?? DirectLineGrant.ConversationPurpose, first);
        _checked.Set(credential, (grant, result.SecurityToken.ValidTo));
        return grant;
    }

    /// <summary>True while a token of this grant may be renewed: the secret always, a token until its chain's maximum lifetime.</summary>
    public bool IsRenewable(DirectLineGrant grant) =>
        grant.IsSecret || grant.FirstIssuedAt is not { } first || _clock.GetUtcNow() < first + _options.TokenMaxLifetime;

    /// <summary>The seconds a token issued now for this chain lives (expires_in).</summary>
    public int SecondsLeft(DateTimeOffset? firstIssuedAt)
    {
        var now = _clock.GetUtcNow();
        var expires = Min(now + _options.TokenLifetime, (firstIssuedAt ?? now) + _options.TokenMaxLifetime);
        return (int)Math.Max(0, (expires - now).TotalSeconds);
    }

    /// <summary>Reads (or generates) the secret now, so that a stored secret this instance cannot decrypt stops it at start.</summary>
    public void LoadSecret() => _ = _secret.Value;

    /// <summary>True when the credential is the Direct Line secret (its holder is the business's own server).</summary>
    public bool IsSecret(string? credential) =>
        !string.IsNullOrWhiteSpace(credential)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credential), Encoding.UTF8.GetBytes(_secret.Value));

    private static T Min<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b) <= 0 ? a : b;

    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
