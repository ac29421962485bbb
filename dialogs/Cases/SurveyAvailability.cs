namespace RefundBot.Dialogs.Cases;

/// <summary>
/// Whether the bot asks customers to rate their conversation once their case is decided (<c>Satisfaction:Ask</c>, on
/// by default in the host). The dialogs never read the host's settings; this says what they need.
/// </summary>
public sealed record SurveyAvailability(bool Enabled)
{
    public static readonly SurveyAvailability Off = new(false);
}
