namespace RefundBot.Bot.AgentDesk.Inbox;

/// <summary>The inbox's views: who the conversations wait for, or those that left the queue lately.</summary>
public static class InboxViews
{
    public const string Unassigned = "unassigned";
    public const string Mine = "mine";
    public const string Open = "open";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Unassigned, Mine, Open, Closed];
}

/// <summary>
/// What the desk asks the inbox for: a view (<see cref="InboxViews"/>), a search (a case id, an order id, the
/// customer's e-mail address, or words of the conversation or its notes) and filters; every part is optional.
/// </summary>
public sealed record InboxQuery(
    string? View = null, string? Search = null, string? PolicyId = null, string? Language = null, string? Channel = null,
    string? Reason = null, int? MinWaitMinutes = null);
