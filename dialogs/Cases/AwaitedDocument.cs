namespace RefundBot.Dialogs.Cases;

/// <summary>A document the case waits for (the policy's fact <paramref name="FactId"/>) until <paramref name="ClosesAt"/>, when the policy's window closes.</summary>
public sealed record AwaitedDocument(string FactId, DateTimeOffset ClosesAt);
