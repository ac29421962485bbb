using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Channels.BotConnector;

/// <summary>
/// Authenticates requests to /api/messages as Microsoft specifies for Bot Framework channels: a Bearer JWT signed
/// (RS256) by a key from the OpenID metadata, issued by the Bot Connector, for this bot's app id, within its
/// lifetime give or take the clock skew, with a <c>serviceurl</c> claim equal to the activity's serviceUrl and, where
/// the key lists endorsements, one for the activity's channel. Keys are cached (<see cref="SigningKeyCache"/>) and refetched on an unknown key id.
/// With no app id configured every request is allowed (Emulator mode; <see cref="ServiceUrlPolicy"/> then limits where replies may go).
/// </summary>
public sealed class BotConnectorAuthenticator
{
    /// <summary>Channels whose conversations live elsewhere too (Teams; Web Chat on the bot's own Direct Line): never on a key's silence.</summary>
    public static readonly IReadOnlySet<string> ChannelsNeedingEndorsement =
        new HashSet<string>(["msteams", "directline", "webchat"], StringComparer.OrdinalIgnoreCase);

    private readonly BotConnectorOptions _options;
    private readonly SigningKeyCache? _keys;
    private readonly JsonWebTokenHandler _handler = new();

    public BotConnectorAuthenticator(IOptions<BotConnectorOptions> options, IHttpClientFactory httpClients, TimeProvider clock)
    {
        _options = options.Value;
        if (_options.AuthenticationEnabled)
        {
            var retriever = new HttpDocumentRetriever(httpClients.CreateClient(nameof(BotConnectorAuthenticator)))
            {
                RequireHttps = _options.OpenIdMetadataUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase),
            };
            _keys = new SigningKeyCache(_options.OpenIdMetadataUrl, retriever, clock);
        }
    }

    /// <returns>Null when the request may proceed, else why it may not (for the log; never sent to the caller).</returns>
    public async Task<string?> RejectionAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (_keys is null)
        {
            return null;
        }

        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "no bearer token";
        }

        var token = authorizationHeader["Bearer ".Length..].Trim();
        var result = await ValidateAsync(token, cancellationToken);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException
            && await _keys.TryRefreshForUnknownKeyAsync(cancellationToken))
        {
            result = await ValidateAsync(token, cancellationToken);
        }

        if (!result.IsValid)
        {
            return $"invalid token ({result.Exception?.GetType().Name})";
        }

        if (!result.Claims.TryGetValue("serviceurl", out var serviceUrl)
            || !string.Equals(serviceUrl as string, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return "serviceurl claim does not match the activity";
        }

        var configuration = await _keys.GetAsync(cancellationToken);
        return IsEndorsed(configuration, result.SecurityToken, activity.ChannelId) ? null : "signing key not endorsed for this channel";
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var configuration = await _keys!.GetAsync(cancellationToken);
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = _options.ValidIssuers,
            ValidAudience = _options.AppId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = _options.ClockSkew,
        });
    }

    private static bool IsEndorsed(OpenIdConnectConfiguration configuration, SecurityToken token, string? channelId)
    {
        var kid = (token as JsonWebToken)?.Kid;
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == kid);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var endorsements))
        {
            return !ChannelsNeedingEndorsement.Contains(channelId ?? ""); // these only with a key endorsed for them
        }

        return EndorsedChannels(endorsements).Contains(channelId, StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<string?> EndorsedChannels(object endorsements) => endorsements switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.GetString()),
        string single => [single],
        IEnumerable list => list.Cast<object?>().Select(e => e?.ToString()),
        _ => [],
    };
}
