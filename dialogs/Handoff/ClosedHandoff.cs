using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Handoff;

/// <summary>How a conversation left the agent queue.</summary>
public static class ClosedHandoffKinds
{
    /// <summary>The agent gave it back to the bot.</summary>
    public const string HandedBack = "handed-back";

    /// <summary>The agent closed it.</summary>
    public const string Closed = "closed";

    /// <summary>The customer went back to the bot ("back to the bot", or "cancel" while waiting).</summary>
    public const string CustomerLeft = "customer-left";
}

/// <summary>
/// A conversation that left the agent queue, so that the desk still finds it ("recently closed"): the ticket as it was
/// (reason, language, policy, case, agent, internal notes), when and how it left, and who let it go. Written in the turn
/// that removes the ticket, so a conversation is never both gone from the queue and missing here. One document per
/// departure, "closed-handoffs/{conversation key}/{ticks}", indexed by <see cref="ClosedAt"/>.
/// </summary>
public sealed record ClosedHandoff
{
    public const string Prefix = "closed-handoffs/";

    public required HandoffTicket Ticket { get; init; }
    public required DateTimeOffset ClosedAt { get; init; }
    public required string Kind { get; init; }
    public string? ClosedById { get; init; }
    public string? ClosedByName { get; init; }

    /// <summary>The key of the document; also the id the desk opens it by.</summary>
    public string Key => KeyFor(Ticket.ConversationKey, ClosedAt);

    public static string KeyFor(string conversationKey, DateTimeOffset closedAt) =>
        $"{Prefix}{conversationKey}/{closedAt.UtcTicks:D19}";

    /// <summary>The prefix of every closed record of one conversation (its erasure).</summary>
    public static string PrefixFor(string conversationKey) => $"{Prefix}{conversationKey}/";
}
