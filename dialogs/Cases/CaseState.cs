using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Cases;

/// <summary>What a conversation remembers about its refund case, in its own part of the state.</summary>
public sealed class CaseState
{
    /// <summary>Stored under "case"; conversations saved before kept the policy id at the top level.</summary>
    public static readonly StateSlot<CaseState> Slot = new("case", "policyId");

    /// <summary>The refund policy this conversation follows, chosen on its first activity.</summary>
    public string? PolicyId { get; set; }
}
