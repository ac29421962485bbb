namespace RefundBot.Eligibility.Model;

/// <summary>
/// The agent desk's canned replies for a policy (<c>policy-content/{id}/desk-replies.yaml</c>): for each outcome an
/// agent may record, the message the decision form starts from, in each language. Data, so that the business words
/// what its agents send without a code change.
/// </summary>
public sealed class DeskReplies : Located
{
    public List<DeskReply> Replies { get; set; } = [];
}

/// <summary>The message for one outcome (approve, partial, deny, alternative), in English and French.</summary>
public sealed class DeskReply : Located
{
    /// <summary>The outcomes an agent may record (as the desk names them).</summary>
    public static readonly IReadOnlyList<string> Outcomes = ["approve", "partial", "deny", "alternative"];

    public string Outcome { get; set; } = "";
    public LocalizedText Text { get; set; } = [];
}
