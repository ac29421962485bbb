using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Handoff;

/// <summary>What the hand-off remembers about a conversation, in its own part of the state.</summary>
public sealed class HandoffState
{
    /// <summary>Stored under "handoff"; conversations saved before kept these two fields at the top level.</summary>
    public static readonly StateSlot<HandoffState> Slot = new("handoff", "handoff", "unansweredQuestion");

    /// <summary>Set while the conversation is handed to a person: waiting in the queue, or owned by an agent.</summary>
    public HandoffStatus? Handoff { get; set; }

    /// <summary>The last question the policy did not answer, so a person asked for next can be told it.</summary>
    public string? UnansweredQuestion { get; set; }
}
