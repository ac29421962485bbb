namespace RefundBot.Bot.Admin;

/// <summary>
/// The numbers of the console's insights page, computed from the cases recorded in a period (pure: rows in, numbers
/// out). Definitions, as the page states them:
/// <list type="bullet">
/// <item>Requests per day: cases recorded each UTC day of the period.</item>
/// <item>Outcome: the one that stands (an agent's decision over the bot's); "pending" while nobody decided.</item>
/// <item>Escalation rate: cases that went to a person (the policy's human review or the customer's request) over all cases.</item>
/// <item>Time to decision: from the customer's request to the decision that stands; time to an agent: from the case's
/// first escalation to the first agent joining its conversation. Median and 90th percentile (nearest rank), in minutes.</item>
/// <item>Refunds decided: the amounts of full and partial refunds decided, per policy and currency (never summed across currencies).</item>
/// <item>Automated resolution rate: among the cases decided at least <see cref="ReopenWindow"/> before now, those decided
/// by the bot without a person (never escalated, no agent joined, decided, checked or closed it; not awaiting the team's
/// check) and not reopened within <see cref="ReopenWindow"/> of the decision (no escalation, no withdrawal and no new case
/// for the same order of the same business in that time). Cases decided more recently are not yet counted either way.</item>
/// </list>
/// </summary>
public static class CaseInsights
{
    public static readonly TimeSpan ReopenWindow = TimeSpan.FromDays(7);

    public sealed record Report(
        int Total,
        IReadOnlyList<DayCount> RequestsPerDay,
        IReadOnlyDictionary<string, int> Outcomes,
        IReadOnlyDictionary<string, int> Reasons,
        Escalations Escalation,
        Durations TimeToDecision,
        Durations TimeToAgent,
        int WaitingForAgent,
        IReadOnlyList<RefundTotal> Refunds,
        Satisfaction Satisfaction,
        AutomatedResolution AutomatedResolution);

    public sealed record DayCount(DateOnly Date, int Count);

    public sealed record Escalations(int Count, double? Rate, IReadOnlyDictionary<string, int> Reasons);

    public sealed record Durations(int Count, double? MedianMinutes, double? P90Minutes);

    public sealed record RefundTotal(string Policy, string Currency, int Count, decimal Amount);

    public sealed record Satisfaction(int Asked, int Rated, double? Average, IReadOnlyList<int> Ratings, IReadOnlyList<Comment> Comments);

    public sealed record Comment(string CaseId, int Rating, string Text);

    public sealed record AutomatedResolution(int Judged, int Automated, double? Rate, int NotYetJudged);

    /// <param name="period">The cases recorded in the period (from <paramref name="from"/> to <paramref name="to"/>, UTC dates).</param>
    /// <param name="later">Cases recorded after the period, up to <see cref="ReopenWindow"/> after it: only to see whether a case was reopened.</param>
    public static Report Compute(IReadOnlyList<CaseRow> period, IReadOnlyList<CaseRow> later, DateOnly from, DateOnly to, DateTimeOffset now)
    {
        var escalated = period.Where(r => r.EscalatedAt is not null).ToList();
        var decided = period.Where(r => r.DecidedAt is not null).ToList();
        return new Report(
            period.Count,
            PerDay(period, from, to),
            Count(period.Select(r => r.Outcome)),
            Count(period.Select(r => r.ReasonCategory)),
            new Escalations(escalated.Count, Rate(escalated.Count, period.Count), Count(escalated.Select(r => r.EscalationReason ?? "unknown"))),
            Spread(decided.Select(r => r.DecidedAt!.Value - r.RequestedAt)),
            Spread(escalated.Where(r => r.AgentJoinedAt is not null).Select(r => r.AgentJoinedAt!.Value - r.EscalatedAt!.Value)),
            escalated.Count(r => r.AgentJoinedAt is null && r.DecidedBy != CaseRow.Agent && r.Status is "human-review"),
            Refunds(period),
            SatisfactionOf(period),
            Automation(period, later, now));
    }

    /// <summary>Nearest-rank percentile of minutes: the smallest value with at least <paramref name="share"/> of them at or below it.</summary>
    public static double? Percentile(IReadOnlyList<double> sortedMinutes, double share) =>
        sortedMinutes.Count == 0 ? null : sortedMinutes[Math.Max(0, (int)Math.Ceiling(share * sortedMinutes.Count) - 1)];

    private static List<DayCount> PerDay(IReadOnlyList<CaseRow> rows, DateOnly from, DateOnly to)
    {
        var counts = rows.GroupBy(r => DateOnly.FromDateTime(r.CreatedAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        return Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i))
            .Select(day => new DayCount(day, counts.GetValueOrDefault(day))).ToList();
    }

    private static SortedDictionary<string, int> Count(IEnumerable<string> keys) =>
        new(keys.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static Durations Spread(IEnumerable<TimeSpan> durations)
    {
        var minutes = durations.Select(d => Math.Max(0, d.TotalMinutes)).Order().ToList();
        return new Durations(minutes.Count, Round(Percentile(minutes, 0.5)), Round(Percentile(minutes, 0.9)));
    }

    private static double? Round(double? minutes) => minutes is { } m ? Math.Round(m, 1) : null;

    private static List<RefundTotal> Refunds(IEnumerable<CaseRow> rows) =>
        rows.Where(r => r is { RefundAmount: > 0, Currency: not null } && r.Status is not ("awaiting-verification" or "withdrawn"))
            .GroupBy(r => (Policy: r.PolicyId ?? "", Currency: r.Currency!))
            .OrderBy(g => g.Key.Policy, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => new RefundTotal(g.Key.Policy, g.Key.Currency, g.Count(), g.Sum(r => r.RefundAmount!.Value)))
            .ToList();

    private static Satisfaction SatisfactionOf(IReadOnlyList<CaseRow> rows)
    {
        var rated = rows.Where(r => r.Rating is not null).ToList();
        var ratings = Enumerable.Range(1, 5).Select(n => rated.Count(r => r.Rating == n)).ToList();
        var comments = rated.Where(r => !string.IsNullOrWhiteSpace(r.Comment)).OrderByDescending(r => r.CreatedAt).Take(20)
            .Select(r => new Comment(r.Id, r.Rating!.Value, r.Comment!)).ToList();
        return new Satisfaction(rows.Count(r => r.SatisfactionAsked), rated.Count,
            rated.Count == 0 ? null : Math.Round(rated.Average(r => r.Rating!.Value), 2), ratings, comments);
    }

    private static AutomatedResolution Automation(IReadOnlyList<CaseRow> period, IReadOnlyList<CaseRow> later, DateTimeOffset now)
    {
        var all = period.Concat(later).ToList();
        var decided = period.Where(r => r.DecidedAt is not null).ToList();
        var judged = decided.Where(r => r.DecidedAt!.Value + ReopenWindow <= now).ToList();
        var automated = judged.Count(r => r.DecidedBy == CaseRow.Bot && !r.PersonInvolved && r.Status != "awaiting-verification" && r.Status != "withdrawn"
            && !all.Any(other => other.Id != r.Id && other.OrderId == r.OrderId && other.PolicyId == r.PolicyId
                && other.CreatedAt > r.DecidedAt && other.CreatedAt <= r.DecidedAt + ReopenWindow));
        return new AutomatedResolution(judged.Count, automated, Rate(automated, judged.Count), decided.Count - judged.Count);
    }
}
