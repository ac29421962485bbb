using System.Net;
using System.Net.Sockets;

namespace RefundBot.Bot.Channels.BotConnector;

/// <summary>
/// The socket handler of the connector's HTTP client: it resolves the serviceUrl's name itself and connects only to an
/// address <see cref="ServiceUrlPolicy.MayConnect"/> allows, so a name that resolves to a private or metadata address
/// (or changes its answer between check and use) reaches nothing.
/// </summary>
internal static class ServiceUrlConnections
{
    public static SocketsHttpHandler Handler(ServiceUrlPolicy policy, TimeSpan connectTimeout) => new()
    {
        UseProxy = false, // through a proxy, the callback would judge the proxy's address, never the serviceUrl's
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = connectTimeout,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(ServiceUrlPolicy policy, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(a => policy.MayConnect(context.InitialRequestMessage.RequestUri, a)).ToList();
        if (allowed.Count == 0)
        {
            throw new ServiceUrlRefusedException();
        }

        SocketException? lastFailure = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException failure)
            {
                socket.Dispose();
                lastFailure = failure;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastFailure!;
    }
}
