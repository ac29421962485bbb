using System.Net;
using System.Net.Sockets;

/// <summary>
/// Ports free on loopback, for bench/run's bots, peer and PostgreSQL: the system picks them (port 0); all are bound at
/// once, so they differ from one another, then let go for the processes that will listen on them.
/// </summary>
internal static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
