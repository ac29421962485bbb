namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>Tells the bot's other instances that a Direct Line conversation has a new stored activity.</summary>
public interface IDirectLineBackplane
{
    Task AnnounceAsync(string conversationId, int sequence);
}

/// <summary>One instance (LiteDB, memory): there is no one else to tell.</summary>
public sealed class SingleInstanceBackplane : IDirectLineBackplane
{
    public Task AnnounceAsync(string conversationId, int sequence) => Task.CompletedTask;
}
