namespace RefundBot.Dialogs.Cases;

/// <summary>Who moved a case: the bot, the customer, an agent (with their id and name) or the system (a timer, a payment).</summary>
public sealed record CaseActor(string Kind, string? Id = null, string? Name = null)
{
    public const string BotKind = "bot";
    public const string CustomerKind = "customer";
    public const string AgentKind = "agent";
    public const string SystemKind = "system";

    public static readonly CaseActor Bot = new(BotKind);
    public static readonly CaseActor Customer = new(CustomerKind);
    public static readonly CaseActor System = new(SystemKind);

    public static CaseActor Agent(string id, string name) => new(AgentKind, id, name);

    public bool IsAgent => Kind == AgentKind;
}
