using System.Globalization;

namespace RefundBot.Bot.Admin;

/// <summary>
/// What the console's cases page and export ask for: a period (<c>from</c>, <c>to</c>: dates, UTC, both included; the
/// last 30 days by default) and, optionally, one policy, status, outcome, language and channel.
/// </summary>
public sealed record CaseFilter(
    DateOnly From, DateOnly To, string? Policy = null, string? Status = null, string? Outcome = null, string? Language = null, string? Channel = null)
{
    public const int MaxDays = 366;

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The last instant of <see cref="To"/>.</summary>
    public DateTimeOffset End => new DateTimeOffset(To.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1).AddTicks(-1);

    public bool Matches(CaseRow row) =>
        Is(Policy, row.PolicyId) && Is(Status, row.Status) && Is(Outcome, row.Outcome) && Is(Language, row.Language) && Is(Channel, row.Channel);

    /// <summary>The filter of a request's query string; an error message (for a 400) when a date cannot be read or the period is wrong.</summary>
    public static (CaseFilter? Filter, string? Error) Read(IQueryCollection query, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (!TryDate(query["from"], today.AddDays(-29), out var from) || !TryDate(query["to"], today, out var to))
        {
            return (null, "'from' and 'to' are dates written yyyy-MM-dd.");
        }

        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            return (null, $"'to' must be on or after 'from', at most {MaxDays} days later.");
        }

        return (new CaseFilter(from, to, Text(query["policy"]), Text(query["status"]), Text(query["outcome"]), Text(query["language"]), Text(query["channel"])), null);
    }

    private static bool Is(string? wanted, string? value) => wanted is null || string.Equals(wanted, value, StringComparison.OrdinalIgnoreCase);

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        return string.IsNullOrWhiteSpace(text) || DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
