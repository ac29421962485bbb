namespace RefundBot.Dialogs.Cases;

/// <summary>One move of a case, as its audit trail keeps it: when, by whom, from which state to which, and why.</summary>
public sealed record CaseEvent(DateTimeOffset At, CaseActor By, string? From, string To, string Why);
