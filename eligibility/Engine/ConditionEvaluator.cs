using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Engine;

/// <summary>
/// Evaluates a <see cref="Condition"/> against the facts, in the policy's time zone: windows at the request instant
/// (or the decision's, where the window says so), see <see cref="DecisionInstants"/>.
/// </summary>
public sealed class ConditionEvaluator(FactValues facts, DecisionInstants instants, TimeZoneInfo zone)
{
    /// <summary>The calendar day of the decision in the policy's zone: the day timelines count from.</summary>
    public DateOnly Today { get; } = DayOf(instants.DecidedAt, zone);

    public Truth Evaluate(Condition? condition) => condition switch
    {
        null => Truth.True,
        { All: { } all } => AllOf(all.Select(Evaluate)),
        { Any: { } any } => AnyOf(any.Select(Evaluate)),
        { Not: { } not } => Evaluate(not).Negate(),
        { Within: { } window } => Within(window),
        { Fact: { } fact } => Compare(fact, condition),
        _ => throw new InvalidOperationException($"Condition on line {condition.Line} has no form."),
    };

    public object? Value(string fact) => facts.TryGet(fact, out var value) ? value : null;

    private static Truth AllOf(IEnumerable<Truth> truths)
    {
        var list = truths.ToList();
        return list.Any(t => t.IsFalse) ? Truth.False
            : list.Any(t => t.IsUnknown) ? Truth.Unknown(list.SelectMany(t => t.Missing))
            : Truth.True;
    }

    private static Truth AnyOf(IEnumerable<Truth> truths)
    {
        var list = truths.ToList();
        return list.Any(t => t.IsTrue) ? Truth.True
            : list.Any(t => t.IsUnknown) ? Truth.Unknown(list.SelectMany(t => t.Missing))
            : Truth.False;
    }

    private Truth Compare(string fact, Condition condition)
    {
        if (Value(fact) is not { } value)
        {
            return Truth.Unknown([fact]);
        }

        var text = FactValues.Canonical(value);
        var number = value as decimal?;
        return condition switch
        {
            { Is: { } expected } => Truth.Of(text == expected),
            { In: { } options } => Truth.Of(options.Contains(text)),
            { AtLeast: { } bound } => Truth.Of(number >= bound),
            { AtMost: { } bound } => Truth.Of(number <= bound),
            { GreaterThan: { } bound } => Truth.Of(number > bound),
            { LessThan: { } bound } => Truth.Of(number < bound),
            _ => Truth.Of(true),
        };
    }

    private Truth Within(Window window)
    {
        if (Value(window.From) is not DateOnly from)
        {
            return Truth.Unknown([window.From]);
        }

        var now = window.Instant == WindowInstant.Decision ? instants.DecidedAt : instants.RequestedAt;
        if (window.CalendarDays is { } days)
        {
            return Truth.Of(DayOf(now, zone).DayNumber - from.DayNumber <= days);
        }

        var limit = TimeSpan.FromHours(window.Hours!.Value);
        if (window.AtTime is { } timeFact && Value(timeFact) is TimeOnly time)
        {
            return Truth.Of(now - Instant(from, time) <= limit);
        }

        var longest = now - Instant(from, TimeOnly.MinValue);
        var shortest = now - Instant(from.AddDays(1), TimeOnly.MinValue);
        return longest <= limit ? Truth.True
            : shortest > limit ? Truth.False
            : Truth.Unknown(window.AtTime is null ? [] : [window.AtTime]);
    }

    private static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private DateTimeOffset Instant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
