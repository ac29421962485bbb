namespace RefundBot.Eligibility.Model;

/// <summary>
/// How the business runs its agent desk (<c>policy-content/{id}/desk.yaml</c>): the longest a customer should wait for
/// an agent, past which the desk's inbox marks the conversation. Data, so that each business sets its own target.
/// </summary>
public sealed class DeskSettings : Located
{
    /// <summary>The most a setting may say: a day.</summary>
    public const int LargestTargetWaitMinutes = 24 * 60;

    /// <summary>Minutes a conversation may wait for an agent before the inbox shows it past the target.</summary>
    public int TargetWaitMinutes { get; set; }
}

/// <summary>
/// The agent desk's canned replies for a policy (<c>policy-content/{id}/canned-replies.yaml</c>): messages an agent
/// often writes to this business's customers, in English and French, inserted into the composer and edited before sending.
/// </summary>
public sealed class CannedReplies : Located
{
    public List<CannedReply> Replies { get; set; } = [];
}

/// <summary>One canned reply: its id, its title on the desk and its text, in both languages.</summary>
public sealed class CannedReply : Located
{
    public string Id { get; set; } = "";
    public LocalizedText Title { get; set; } = [];
    public LocalizedText Text { get; set; } = [];
}
