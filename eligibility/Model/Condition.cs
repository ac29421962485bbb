namespace RefundBot.Eligibility.Model;

/// <summary>
/// A test on the facts. Exactly one form per condition:
/// <c>all: [...]</c>, <c>any: [...]</c>, <c>not: {...}</c>, <c>within: {...}</c>, or <c>fact: X</c> with one of
/// <c>is</c>, <c>in</c>, <c>atLeast</c>, <c>atMost</c>, <c>greaterThan</c>, <c>lessThan</c>.
/// </summary>
public sealed class Condition : Located
{
    public List<Condition>? All { get; set; }
    public List<Condition>? Any { get; set; }
    public Condition? Not { get; set; }
    public Window? Within { get; set; }

    public string? Fact { get; set; }
    public string? Is { get; set; }
    public List<string>? In { get; set; }
    public decimal? AtLeast { get; set; }
    public decimal? AtMost { get; set; }
    public decimal? GreaterThan { get; set; }
    public decimal? LessThan { get; set; }
}

/// <summary>
/// "The request is made within N calendar days / hours of a date fact". Calendar days count dates in the policy's
/// zone (the last day is inside); hours count from the purchase instant (date + an optional time fact). The window is
/// judged at the request instant unless it says otherwise (<see cref="Instant"/>).
/// </summary>
public sealed class Window : Located
{
    public string From { get; set; } = "";

    /// <summary>A time-of-day fact that makes <see cref="From"/> an instant, for windows in hours.</summary>
    public string? AtTime { get; set; }

    public int? CalendarDays { get; set; }
    public int? Hours { get; set; }

    /// <summary>Which instant the window is judged at: the request (the default) or the decision.</summary>
    public WindowInstant Instant { get; set; } = WindowInstant.Request;
}

/// <summary>The instant a <see cref="Window"/> is judged at (<see cref="DecisionInstants"/>).</summary>
public enum WindowInstant
{
    /// <summary>When the customer asked: what policies mean by "a request made within ...".</summary>
    Request,

    /// <summary>When the decision is made: for a policy whose window counts to the decision itself.</summary>
    Decision,
}
