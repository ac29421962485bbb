using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Privacy;

/// <summary>What privacy remembers about a conversation, in its own part of the state.</summary>
public sealed class PrivacyState
{
    /// <summary>Stored under "privacy"; conversations saved before kept the flag at the top level.</summary>
    public static readonly StateSlot<PrivacyState> Slot = new("privacy", "erasureRequested");

    /// <summary>The customer asked to be forgotten; their next answer confirms or not.</summary>
    public bool ErasureRequested { get; set; }
}
