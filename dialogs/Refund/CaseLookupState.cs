using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// What the case status look-up remembers about a conversation: the proof it waits for, and how many wrong proofs
/// were given, so that a conversation cannot try case ids and order ids until one fits.
/// </summary>
public sealed class CaseLookupState
{
    public static readonly StateSlot<CaseLookupState> Slot = new("caseLookup");

    /// <summary>After this many wrong case id and order id pairs, no further pair is checked in the conversation.</summary>
    public const int TriesBeforeLock = 3;

    /// <summary>A case id from elsewhere the customer gave, waiting for its order id as proof.</summary>
    public string? CaseIdAwaitingProof { get; set; }

    /// <summary>An order id whose open case is not this conversation's, waiting for the case id as proof.</summary>
    public string? OrderIdAwaitingCase { get; set; }

    /// <summary>
    /// <see cref="OrderIdAwaitingCase"/> came from a refund request (<see cref="EarlierCases"/>), not from a status
    /// question: once its case is proven, the request carries on from that case.
    /// </summary>
    public bool RequestAwaitingCase { get; set; }

    /// <summary>Wrong case id and order id pairs given in this conversation.</summary>
    public int WrongTries { get; set; }

    public bool Locked => WrongTries >= TriesBeforeLock;

    /// <summary>No proof is awaited any more: the question was answered, or the conversation went on to something else.</summary>
    public void StopAwaiting()
    {
        CaseIdAwaitingProof = null;
        OrderIdAwaitingCase = null;
        RequestAwaitingCase = false;
    }
}
