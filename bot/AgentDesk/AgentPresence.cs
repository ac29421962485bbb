using System.Collections.Concurrent;

namespace RefundBot.Bot.AgentDesk;

/// <summary>How many desks each agent has open on this instance, so that closing one tab of two does not count as leaving.</summary>
public sealed class AgentPresence
{
    private readonly ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);

    /// <returns>True when this is the agent's first open desk.</returns>
    public bool Connected(string agentId) => _connections.AddOrUpdate(agentId, 1, (_, count) => count + 1) == 1;

    /// <returns>True when the agent has no desk open any more.</returns>
    public bool Disconnected(string agentId)
    {
        var remaining = _connections.AddOrUpdate(agentId, 0, (_, count) => Math.Max(0, count - 1));
        if (remaining == 0)
        {
            _connections.TryRemove(new KeyValuePair<string, int>(agentId, 0));
        }

        return remaining == 0;
    }
}
