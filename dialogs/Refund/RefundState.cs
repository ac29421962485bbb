using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Refund;

/// <summary>What the refund dialogs remember about a conversation besides their dialog stack, in their own part of the state.</summary>
public sealed class RefundState
{
    /// <summary>Stored under "refund"; conversations saved before kept these two fields at the top level.</summary>
    public static readonly StateSlot<RefundState> Slot = new("refund", "lastQuotedSection", "misunderstandings");

    /// <summary>The policy section the bot last quoted, so "original" can show its authoritative text.</summary>
    public string? LastQuotedSection { get; set; }

    /// <summary>How many times the bot gave up on understanding an answer; two in a row bring in a person.</summary>
    public int Misunderstandings { get; set; }
}
