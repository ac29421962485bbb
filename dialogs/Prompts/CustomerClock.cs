using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Prompts;

/// <summary>
/// Resolves the customer's time zone: the one the channel reported for this conversation, else the
/// configured default. An unknown zone id falls back to the default rather than failing the turn.
/// </summary>
internal sealed class CustomerClock(TimeZoneInfo defaultZone)
{
    public TimeZoneInfo DefaultZone { get; } = defaultZone;

    public TimeZoneInfo ZoneOf(TurnContext turn) =>
        turn.State.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : DefaultZone;

    public DateContext DateContext(TurnContext turn) => new(turn.Now, ZoneOf(turn), turn.Culture);
}
