namespace RefundBot.Dialogs.Cases;

/// <summary>
/// What the customer thought of how their case went: a rating from 1 (very poor) to 5 (excellent) and, if they wrote
/// one, a comment in their own words (personal data like the rest of the case: erased with it, never logged).
/// </summary>
public sealed record CaseSatisfaction(int Rating, string? Comment, DateTimeOffset At)
{
    public const int Lowest = 1;
    public const int Highest = 5;

    /// <summary>The longest comment kept; a longer one is cut there.</summary>
    public const int MaxCommentLength = 1000;
}
