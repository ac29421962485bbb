namespace RefundBot.Browser.Tests;

/// <summary>The chat page's bot with a second agent on the desk (Bob), for the inbox's two-agent tests.</summary>
public sealed class InboxPageFixture : ChatPageFixture
{
    public const string SecondAgentName = "Bob";
    public const string SecondAgentPassword = "desk-test-password-bob";

    protected override IEnumerable<KeyValuePair<string, string>> BotSettings() =>
    [
        new("AgentDesk:Agents:1:Id", SecondAgentName.ToLowerInvariant()),
        new("AgentDesk:Agents:1:DisplayName", SecondAgentName),
        new("AgentDesk:Agents:1:PasswordHash", RefundBot.Bot.AgentDesk.AgentAccounts.HashPassword(SecondAgentPassword)),
    ];
}

[CollectionDefinition(Name)]
public sealed class InboxPageCollection : ICollectionFixture<InboxPageFixture>
{
    public const string Name = "inbox page";
}
