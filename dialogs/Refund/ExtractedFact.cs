namespace RefundBot.Dialogs.Refund;

/// <summary>A value an extractor read, and the customer's own words it says it read it from.</summary>
public sealed record ExtractedFact(string Value, string Quote);
