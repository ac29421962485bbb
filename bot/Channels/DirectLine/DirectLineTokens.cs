using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>What a Direct Line bearer credential grants: every conversation (the secret) or one (a token).</summary>
public sealed record DirectLineGrant(bool IsSecret, string? ConversationId, string? UserId, string Purpose)
{
    public const string ConversationPurpose = "conversation";
    public const string StreamPurpose = "stream";

    public static readonly DirectLineGrant Secret = new(true, null, null, ConversationPurpose);

    public bool Allows(string conversationId) => IsSecret || ConversationId == conversationId;
}

/// <summary>
/// Issues and checks Direct Line tokens: JWTs (HS256, keyed by the secret) bound to one conversation and, when the
/// site gave one, to a user id (the <c>user</c> claim DirectLineJS reads). Expired or foreign tokens are refused.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "refundbot-directline";
    private readonly JsonWebTokenHandler _handler = new();
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _clock;
    private readonly Lazy<string> _secret;
    private readonly Lazy<SymmetricSecurityKey> _key;

    public DirectLineTokens(IOptions<DirectLineOptions> options, GeneratedDirectLineSecret generated, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        _secret = new Lazy<string>(() => string.IsNullOrWhiteSpace(_options.Secret) ? generated.Read() : _options.Secret);
        _key = new Lazy<SymmetricSecurityKey>(() => new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes("directline-token-key:" + _secret.Value))));
    }

    public TimeSpan Lifetime => _options.TokenLifetime;

    public string Issue(string conversationId, string? userId, string purpose = DirectLineGrant.ConversationPurpose)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["conv"] = conversationId, ["purpose"] = purpose };
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
            Expires = now + (purpose == DirectLineGrant.StreamPurpose ? _options.StreamUrlLifetime : _options.TokenLifetime),
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

        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credential), Encoding.UTF8.GetBytes(_secret.Value)))
        {
            return DirectLineGrant.Secret;
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
        return new DirectLineGrant(false, Claim("conv"), Claim("user"), Claim("purpose") ?? DirectLineGrant.ConversationPurpose);
    }

    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
