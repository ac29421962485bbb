using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Contact;

/// <summary>What the conversation remembers while it waits for an e-mail address, in its own part of the state.</summary>
public sealed class ContactState
{
    public static readonly StateSlot<ContactState> Slot = new("contact");

    /// <summary>The case whose e-mail address the bot just asked for; the customer's next message may answer.</summary>
    public string? AskingFor { get; set; }

    /// <summary>Addresses typed that could not be used, for this question: after two the bot stops asking.</summary>
    public int Unusable { get; set; }
}
