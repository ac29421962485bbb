namespace RefundBot.Dialogs.Recognizers;

/// <param name="Ambiguous">An all-numeric date whose day and month could be swapped (3/4): read by the culture, to confirm.</param>
public sealed record DateRecognition(DateOnly? Date, DateProblem Problem, bool Ambiguous = false)
{
    public static DateRecognition Found(DateOnly date) => new(date, DateProblem.None);

    public static readonly DateRecognition NotFound = new(null, DateProblem.NotFound);
}
