using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Engine;

/// <summary>
/// Decides a refund request from a policy, the facts and the instants of the request and of the decision
/// (<see cref="DecisionInstants"/>: windows are judged at the request, timelines count from the decision). Pure: no clock, no I/O, no
/// randomness; the rules are tried in order and the first that applies decides. A rule that cannot be evaluated yet
/// stops the evaluation and names the facts it needs.
/// </summary>
public static class EligibilityEngine
{
    /// <summary>The calendar day of <paramref name="now"/> in the policy's time zone, the day its windows count from.</summary>
    public static DateOnly Today(Policy policy, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(policy.TimeZone)).DateTime);

    /// <summary>A request decided in the turn that makes it (both instants are <paramref name="now"/>).</summary>
    public static Decision Decide(Policy policy, FactValues facts, DateTimeOffset now) =>
        Decide(policy, facts, DecisionInstants.At(now));

    public static Decision Decide(Policy policy, FactValues facts, DecisionInstants instants) =>
        Explain(policy, facts, instants).Decision;

    /// <summary>
    /// The decision <see cref="Decide(Policy, FactValues, DecisionInstants)"/> gives, with the rules tried in order and
    /// what each gave: what a decision receipt shows.
    /// </summary>
    public static DecisionTrace Explain(Policy policy, FactValues facts, DecisionInstants instants)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(policy.TimeZone);
        var evaluator = new ConditionEvaluator(facts, instants, zone);
        var tried = new List<RuleTrial>();
        foreach (var rule in policy.Rules)
        {
            var applies = evaluator.Evaluate(rule.When);
            if (applies.IsUnknown)
            {
                tried.Add(new RuleTrial(rule.Id, rule.Section, RuleResult.CannotTell, applies.Missing));
                return new DecisionTrace(Decision.NeedsFacts(policy.Id, rule.Id, applies.Missing), tried);
            }

            tried.Add(new RuleTrial(rule.Id, rule.Section, applies.IsTrue ? RuleResult.Applies : RuleResult.DoesNotApply, []));
            if (applies.IsTrue)
            {
                return new DecisionTrace(Apply(policy, rule, evaluator), tried);
            }
        }

        throw new InvalidOperationException($"Policy '{policy.Id}' has no rule for these facts; its last rule must apply always.");
    }

    private static Decision Apply(Policy policy, Rule rule, ConditionEvaluator evaluator)
    {
        var missing = new List<string>();
        var breakdown = rule.Refund is { } formula ? RefundCalculator.Compute(policy, formula, evaluator, missing) : null;
        var timeline = Timeline(rule, evaluator, policy.PublicHolidays, missing);
        if (missing.Count > 0)
        {
            return Decision.NeedsFacts(policy.Id, rule.Id, missing.Distinct().ToList());
        }

        var outcome = rule.Outcome switch
        {
            RuleOutcome.Refund when breakdown!.Refund == 0 => Outcome.Denied,
            RuleOutcome.Refund when breakdown!.Refund == breakdown.Paid => Outcome.FullRefund,
            RuleOutcome.Refund => Outcome.PartialRefund,
            RuleOutcome.Denied => Outcome.Denied,
            RuleOutcome.TroubleshootingRequired => Outcome.TroubleshootingRequired,
            RuleOutcome.HumanReview => Outcome.HumanReview,
            RuleOutcome.AlternativeOffered => Outcome.AlternativeOffered,
            RuleOutcome.Resolved => Outcome.Resolved,
            _ => throw new InvalidOperationException($"Unknown outcome {rule.Outcome}."),
        };
        var sections = new[] { rule.Section }
            .Concat(rule.AlsoCites)
            .Concat(breakdown?.Lines.Where(l => l.Amount > 0).Select(l => l.Section) ?? [])
            .Concat(timeline is null ? [] : [timeline.Section])
            .Distinct()
            .ToList();
        return new Decision(policy.Id, outcome, rule.Id, sections, [], breakdown, timeline, rule.Alternatives,
            rule.Explanation, rule.ResolutionWindowHours);
    }

    /// <summary>
    /// When a refund a person approved comes back, as the policy says for its refunds, counted from the instant of
    /// their decision: the timeline of <paramref name="ruleId"/> when that rule refunds, else of the first refund rule
    /// that has one, else of the first rule that has one. An entry whose condition needs a fact nobody gave is passed over.
    /// </summary>
    public static DecisionTimeline? RefundTimeline(Policy policy, FactValues facts, DateTimeOffset decidedAt, string? ruleId)
    {
        var withTimeline = policy.Rules.Where(r => r.Timeline.Count > 0).ToList();
        var rule = withTimeline.FirstOrDefault(r => r.Id == ruleId && r.Outcome == RuleOutcome.Refund)
            ?? withTimeline.FirstOrDefault(r => r.Outcome == RuleOutcome.Refund)
            ?? withTimeline.FirstOrDefault();
        if (rule is null)
        {
            return null;
        }

        var evaluator = new ConditionEvaluator(facts, new DecisionInstants(decidedAt, decidedAt), TimeZoneInfo.FindSystemTimeZoneById(policy.TimeZone));
        return rule.Timeline.Where(entry => evaluator.Evaluate(entry.When).IsTrue)
            .Select(entry => Entry(entry, evaluator, policy.PublicHolidays))
            .FirstOrDefault();
    }

    private static DecisionTimeline Entry(TimelineEntry entry, ConditionEvaluator evaluator, PublicHolidays holidays) =>
        new(entry.Text, entry.Section, entry.BusinessDays is { } days ? BusinessDays.Add(evaluator.Today, days, holidays) : null, entry.BusinessDays);

    private static DecisionTimeline? Timeline(Rule rule, ConditionEvaluator evaluator, PublicHolidays holidays, List<string> missing)
    {
        foreach (var entry in rule.Timeline)
        {
            var applies = evaluator.Evaluate(entry.When);
            if (applies.IsUnknown)
            {
                missing.AddRange(applies.Missing);
                return null;
            }

            if (applies.IsTrue)
            {
                return Entry(entry, evaluator, holidays);
            }
        }

        return null;
    }
}

public static class BusinessDays
{
    /// <summary>
    /// The date <paramref name="days"/> business days after <paramref name="from"/>: Monday to Friday, the policy's
    /// public holidays skipped.
    /// </summary>
    public static DateOnly Add(DateOnly from, int days, PublicHolidays? holidays = null)
    {
        holidays ??= new PublicHolidays();
        var date = from;
        for (var added = 0; added < days;)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.IsHoliday(date))
            {
                added++;
            }
        }

        return date;
    }
}
