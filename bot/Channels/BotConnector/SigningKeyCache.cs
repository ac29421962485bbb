using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace RefundBot.Bot.Channels.BotConnector;

/// <summary>
/// The Bot Connector's OpenID metadata and signing keys, fetched on first use and kept for a day. A token signed
/// with a key we do not know triggers one refetch (a key rollover), at most once per <see cref="ForcedRefreshInterval"/>
/// so that forged key ids cannot make us hammer the metadata endpoint.
/// </summary>
public sealed class SigningKeyCache(string metadataUrl, IDocumentRetriever retriever, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    public static readonly TimeSpan ForcedRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _lastForcedRefresh = DateTimeOffset.MinValue;

    public async Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && clock.GetUtcNow() - _fetchedAt < MaxAge)
        {
            return current;
        }

        return await RefreshAsync(force: false, cancellationToken);
    }

    /// <summary>Refetches after an unknown key id; returns false when a forced refresh happened too recently.</summary>
    public async Task<bool> TryRefreshForUnknownKeyAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - _lastForcedRefresh < ForcedRefreshInterval)
        {
            return false;
        }

        await RefreshAsync(force: true, cancellationToken);
        return true;
    }

    private async Task<OpenIdConnectConfiguration> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (!force && _current is not null && now - _fetchedAt < MaxAge)
            {
                return _current;
            }

            _current = await OpenIdConnectConfigurationRetriever.GetAsync(metadataUrl, retriever, cancellationToken);
            _fetchedAt = now;
            if (force)
            {
                _lastForcedRefresh = now;
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }
}
