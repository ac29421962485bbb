namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// What the desk's "verified" action tells the case's conversation: which fact an agent checked, and the value they
/// found (null: as the customer said).
/// </summary>
internal sealed record FactVerification(string CaseId, string FactId, string? Value, string AgentId, string AgentName);
