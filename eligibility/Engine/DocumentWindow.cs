using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Engine;

/// <summary>
/// Until when a customer may still send a document the policy asks for: as long as the policy's windows that count
/// in calendar days from a known date stay open, the last day inside (in the policy's zone). The request itself is
/// judged at its own instant (<see cref="DecisionInstants"/>), so a document that comes later in the window never
/// costs the customer the window; one that has not come when the window closes is missing.
/// </summary>
public static class DocumentWindow
{
    /// <summary>The last day a document may come; null when no window of the policy applies to the facts known.</summary>
    public static DateOnly? LastDay(Policy policy, FactValues facts) =>
        policy.Rules.SelectMany(r => Windows(r.When))
            .Where(w => w is { CalendarDays: not null, Instant: WindowInstant.Request })
            .Select(w => facts.TryGet(w.From, out var from) && from is DateOnly date ? date.AddDays(w.CalendarDays!.Value) : (DateOnly?)null)
            .Where(d => d is not null)
            .Min();

    /// <summary>Whether the window has closed at <paramref name="now"/>: the last day has passed in the policy's zone.</summary>
    public static bool HasClosed(Policy policy, FactValues facts, DateTimeOffset now) =>
        ClosesAt(policy, facts) is { } closes && now >= closes;

    /// <summary>
    /// The instant the window closes: the first moment of the day after <see cref="LastDay"/> in the policy's zone (a
    /// day that starts in a daylight-saving gap starts at the gap's end); null when no window applies.
    /// </summary>
    public static DateTimeOffset? ClosesAt(Policy policy, FactValues facts)
    {
        if (LastDay(policy, facts) is not { } last)
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(policy.TimeZone);
        var midnight = last.AddDays(1).ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(midnight) ? zone.GetAmbiguousTimeOffsets(midnight).Max() : zone.GetUtcOffset(midnight);
        return new DateTimeOffset(midnight, offset);
    }

    private static IEnumerable<Window> Windows(Condition? condition) => condition switch
    {
        null => [],
        { Within: { } window } => [window],
        { Not: { } not } => Windows(not),
        { All: { } all } => all.SelectMany(Windows),
        { Any: { } any } => any.SelectMany(Windows),
        _ => [],
    };
}
