namespace RefundBot.Dialogs.Handoff;

/// <summary>How hand-offs to people behave ("Handoff" section).</summary>
public sealed class HandoffOptions
{
    public const string Section = "Handoff";

    /// <summary>After this long in the queue the customer is told, once, and offered to go on with the bot.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An agent whose desk has been closed this long loses the conversation back to the queue.</summary>
    public TimeSpan AgentAwayGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the bot looks for long waits and absent agents.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The support team's hours per policy id and language, told to customers who ask for a person, e.g.
    /// <c>"Handoff:BusinessHours:masecurite:fr": "du lundi au vendredi, de 9 h à 18 h (heure de Paris)"</c>.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> BusinessHours { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? HoursFor(string? policyId, string language) =>
        policyId is not null && BusinessHours.TryGetValue(policyId, out var byLanguage) && byLanguage.TryGetValue(language, out var hours)
            ? hours
            : null;
}
