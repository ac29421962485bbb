using System.Globalization;

namespace RefundBot.Dialogs.Runtime.Prompts;

/// <summary>When and where the customer is: relative dates resolve against this, never the server's clock.</summary>
public sealed record DateContext(DateTimeOffset Now, TimeZoneInfo TimeZone, CultureInfo Culture)
{
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, TimeZone).DateTime);
}

public enum DateProblem
{
    None,
    NotFound,
    InFuture,

    /// <summary>A period ("last month", "la semaine dernière"), not a day.</summary>
    Period,
}

public sealed record DateRecognition(DateOnly? Date, DateProblem Problem)
{
    public static DateRecognition Found(DateOnly date) => new(date, DateProblem.None);

    public static readonly DateRecognition NotFound = new(null, DateProblem.NotFound);
}

/// <summary>Finds a calendar day in what a customer typed ("2026-03-12", "12/03/2026", "yesterday").</summary>
public interface IDateRecognizer
{
    DateRecognition Recognize(string text, DateContext context);
}

/// <summary>A past (or today's) calendar day, as ISO "yyyy-MM-dd".</summary>
public sealed class DatePrompt(string id, IDateRecognizer recognizer, CustomerClock clock) : Prompt<string>(id)
{
    protected override Recognized<string> Recognize(TurnContext turn, string text, PromptOptions options)
    {
        var recognition = recognizer.Recognize(text, clock.DateContext(turn));
        return recognition switch
        {
            { Date: { } date, Problem: DateProblem.None } => Recognized<string>.Success(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            { Problem: DateProblem.InFuture } => Recognized<string>.Failure(turn.Text("date.inFuture")),
            { Problem: DateProblem.Period } => Recognized<string>.Failure(turn.Text("date.period")),
            _ => Recognized<string>.Failure(),
        };
    }
}
