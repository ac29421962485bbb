namespace RefundBot.Dialogs.Recognizers;

public enum DateProblem
{
    None,
    NotFound,
    InFuture,

    /// <summary>A period ("last month", "la semaine dernière"), not a day.</summary>
    Period,

    /// <summary>A hedged day ("ya 10 jours environ", "around the 15th"): the exact day is asked for.</summary>
    Approximate,
}
