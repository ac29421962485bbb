namespace RefundBot.Dialogs.Handoff;

/// <summary>What the desk's "accept" / "reject" of a document tells the case's conversation: the fact, the verdict, the reason.</summary>
internal sealed record DocumentCheck(string CaseId, string FactId, bool Accepted, string? Reason, string AgentId, string AgentName);
