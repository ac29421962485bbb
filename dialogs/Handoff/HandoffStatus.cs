namespace RefundBot.Dialogs.Handoff;

/// <summary>Who owns a handed-over conversation: nobody yet (waiting in the queue) or the named agent.</summary>
public sealed record HandoffStatus(string Reason, DateTimeOffset RequestedAt, string? AgentName = null);
