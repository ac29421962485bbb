namespace RefundBot.Dialogs.Recognizers;

public enum DateProblem
{
    None,
    NotFound,
    InFuture,

    /// <summary>A period ("last month", "la semaine dernière"), not a day.</summary>
    Period,
}
