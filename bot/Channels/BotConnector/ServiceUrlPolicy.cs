using System.Net;
using Microsoft.Extensions.Options;

namespace RefundBot.Bot.Channels.BotConnector;

/// <summary>
/// Where the bot may send what it says. A channel names its <c>serviceUrl</c> in every activity, and the bot POSTs its
/// replies there: left open, that makes the bot a request forger and a port scanner for whoever can reach
/// <c>/api/messages</c>. So:
/// <list type="bullet">
/// <item>without an app id (the Emulator), an activity may name only a loopback serviceUrl or one listed in
/// <see cref="BotConnectorOptions.AllowedServiceUrls"/>;</item>
/// <item>with an app id, the Bot Connector's token names the serviceUrl (<see cref="BotConnectorAuthenticator"/>);</item>
/// <item>and whatever the URL says, a connection goes only to a public address once the name is resolved
/// (<see cref="MayConnect"/>, checked as the socket connects, so a name that resolves elsewhere later gains nothing),
/// or to loopback in Emulator mode, unless the URL is listed.</item>
/// </list>
/// </summary>
internal sealed class ServiceUrlPolicy(IOptions<BotConnectorOptions> options)
{
    /// <summary>Addresses no channel lives at: private, shared, link-local (cloud metadata), documentation, multicast, reserved.</summary>
    private static readonly IPNetwork[] NonPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    private readonly bool _authenticated = options.Value.AuthenticationEnabled;

    /// <summary>The listed origins, read once: they are checked on every inbound activity and every connection.</summary>
    private readonly Uri[] _listed = [.. options.Value.AllowedServiceUrls.Select(Parse).OfType<Uri>()];

    /// <returns>Null when an inbound activity may name <paramref name="serviceUrl"/>, else why not (for the caller and the log).</returns>
    public string? Refusal(string? serviceUrl)
    {
        if (Parse(serviceUrl) is not { } uri)
        {
            return "The serviceUrl is not an absolute http or https URL.";
        }

        if (_authenticated || IsListed(uri) || IsLoopbackName(uri))
        {
            return null; // with an app id, the token vouches for the serviceUrl
        }

        return "Without an app id, only a loopback serviceUrl (the Emulator) or one in BotConnector:AllowedServiceUrls is accepted.";
    }

    /// <summary>Whether the bot may open a connection to <paramref name="address"/> for a request to <paramref name="requestUri"/>.</summary>
    public bool MayConnect(Uri? requestUri, IPAddress address)
    {
        if (requestUri is not null && IsListed(requestUri))
        {
            return true;
        }

        var normalized = Unmapped(address);
        if (IPAddress.IsLoopback(normalized))
        {
            return !_authenticated;
        }

        return !NonPublic.Any(network => network.Contains(normalized));
    }

    /// <summary>By origin, as connections are pooled: a listed host and port is trusted for every path on it.</summary>
    private bool IsListed(Uri uri) => _listed.Any(origin =>
        Uri.Compare(uri, origin, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0);

    /// <summary>
    /// The URL's host is a loopback address or <c>localhost</c>. <see cref="Uri"/> reads the other spellings of an address
    /// (<c>2130706433</c>, <c>0x7f000001</c>, <c>[::ffff:127.0.0.1]</c>) into the address they mean, so they are judged
    /// by it; the socket check in <see cref="MayConnect"/> judges what the name resolves to.
    /// </summary>
    private static bool IsLoopbackName(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(Unmapped(address)));

    /// <summary><c>::ffff:10.0.0.1</c> is 10.0.0.1: judged as the IPv4 address it carries.</summary>
    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static Uri? Parse(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;
}
