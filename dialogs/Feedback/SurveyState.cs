using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Feedback;

/// <summary>What the conversation remembers of the satisfaction question, in its own part of the state.</summary>
public sealed class SurveyState
{
    public static readonly StateSlot<SurveyState> Slot = new("survey");

    /// <summary>The case whose rating the bot just asked for; the customer's next message may answer.</summary>
    public string? RatingFor { get; set; }

    /// <summary>The case the customer just rated: their next message may be a comment on it.</summary>
    public string? CommentFor { get; set; }

    /// <summary>A case decided while another question (the e-mail address) was open: its rating is asked once that is answered.</summary>
    public string? Deferred { get; set; }
}
