namespace RefundBot.Bot.AgentDesk.Inbox;

/// <summary>The inbox's services (its hub methods are on <see cref="AgentHub"/>).</summary>
public static class InboxSetup
{
    public static IServiceCollection AddAgentInbox(this IServiceCollection services) =>
        services.AddSingleton<AgentInbox>().AddSingleton<AgentTyping>();
}
