namespace RefundBot.Bot.AgentDesk.Inbox;

/// <summary>
/// A conversation as an inbox card: where it stands (waiting, claimed, closed), its order and case, its last line,
/// how long it has waited for an agent and whether that is past the business's target (<c>desk.yaml</c>).
/// <see cref="Id"/> opens it: the conversation key while it is in the queue, its closed record's key once it left.
/// </summary>
public sealed record InboxCard(
    string Id, string ConversationKey, string Status, string Channel, string Reason, string Language, string? PolicyId, string? Business,
    string? CaseId, string? OrderId, string? LastMessage, string? LastMessageRole, DateTimeOffset? LastMessageAt,
    DateTimeOffset WaitingSince, int? TargetWaitMinutes, bool PastTarget, string? AgentId, string? AgentName, int Notes,
    DateTimeOffset? ClosedAt = null, string? ClosedKind = null, string? ClosedByName = null);

/// <summary>A canned reply of the conversation's policy, in the customer's language, for the composer.</summary>
public sealed record CannedReplyView(string Id, string Title, string Text, string Language);
