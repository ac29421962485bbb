namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// A note an agent leaves on a handed-over conversation for the team: kept with its ticket (and, once the conversation
/// leaves the queue, with its closed record), shown on the desk, never sent to the customer.
/// </summary>
public sealed record InternalNote(DateTimeOffset At, string AgentId, string AgentName, string Text)
{
    public const int MaxLength = 2000;

    /// <summary>At most this many notes are kept on a conversation; an agent's note past it is refused.</summary>
    public const int MaxNotes = 100;
}
