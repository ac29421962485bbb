using RefundBot.Bot.PolicyTools;
using RefundBot.Eligibility.Analysis;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.PolicyStudio;

/// <summary>One finding of <c>policy check</c> as the page shows it; <see cref="Text"/> is the command line's line.</summary>
public sealed record FindingView(string Severity, string File, int Line, string Code, string Subject, string Message, string Text);

public sealed record CheckView(int Errors, int Warnings, IReadOnlyList<FindingView> Findings, IReadOnlyList<AllowedView> Allowed);

public sealed record AllowedView(string Code, string Subject, string Reason);

/// <summary>One example as the page shows it: what differed and the rule that decided; <see cref="Text"/> as the command line prints it.</summary>
public sealed record ExampleView(string Name, int Line, bool Passed, IReadOnlyList<string> Differences, string? Rule, string? Outcome, string Text);

/// <summary>The examples' run; <see cref="Problems"/> when the draft or its examples cannot be read (nothing was run).</summary>
public sealed record TestView(int Passed, int Failed, IReadOnlyList<ExampleView> Examples, IReadOnlyList<string> Problems);

public sealed record ChangedView(string Id, string From, string To, string? RuleBefore, string? RuleAfter, decimal? RefundBefore, decimal? RefundAfter, IReadOnlyList<string> Asks);

public sealed record MoneyView(string Currency, decimal Before, decimal After, decimal Difference);

/// <summary>A backtest as the page shows it; <see cref="Text"/> is the command line's report, word for word.</summary>
public sealed record BacktestView(
    int Days, int Replayed, IReadOnlyList<MoneyView> Money, int EscalationsBefore, int EscalationsAfter,
    IReadOnlyList<ChangedView> Changed, IReadOnlyList<string> Unreadable, string Text);

/// <summary>
/// <c>policy check</c>, <c>policy test</c> and <c>policy backtest</c> over a draft's files, with the command line's own
/// analysis (<c>RefundBot.Eligibility.Analysis</c>) and its own report text, so the page and the command line say the same.
/// </summary>
internal static class DraftRuns
{
    public static CheckView Check(PolicyFolder draft)
    {
        var report = PolicyCheck.Run(draft);
        var findings = report.Findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line)
            .Select(f => new FindingView(f.Severity == FindingSeverity.Error ? "error" : "warning", f.File, f.Line, f.Code, f.Subject, f.Message, f.ToString()))
            .ToList();
        var errors = findings.Count(f => f.Severity == "error");
        return new(errors, findings.Count - errors, findings, report.Allowed.Select(a => new AllowedView(a.Finding.Code, a.Finding.Subject, a.Reason)).ToList());
    }

    public static TestView Test(PolicyFolder draft)
    {
        var problems = new List<PolicyProblem>();
        var policy = PolicyLoader.Load(draft, problems);
        if (policy is null || problems.Count > 0)
        {
            return new(0, 0, [], [.. problems.Select(p => p.ToString()), "the policy does not load: run check first"]);
        }

        if (!draft.Has(PolicyExamples.File))
        {
            return new(0, 0, [], [$"the draft has no {PolicyExamples.File}: write the business's examples first"]);
        }

        var examples = PolicyExamplesReader.ReadYaml(PolicyExamples.File, draft.Text(PolicyExamples.File), problems);
        if (problems.Count > 0)
        {
            return new(0, 0, [], [.. problems.Select(p => p.ToString()), "the examples cannot be read"]);
        }

        var results = ExampleRunner.Run(policy, examples)
            .Select(r => new ExampleView(r.Example.Name, r.Example.Line, r.Passed, r.Differences, r.Decision?.RuleId,
                r.Decision is null ? null : ExampleRunner.OutcomeName(r.Decision.Outcome), r.Describe(PolicyExamples.File)))
            .ToList();
        var failed = results.Count(r => !r.Passed);
        return new(results.Count - failed, failed, results, results.Count == 0 ? [$"{PolicyExamples.File} holds no example"] : []);
    }

    /// <summary>The draft replayed over <paramref name="cases"/>, recorded in the last <paramref name="days"/> days.</summary>
    public static BacktestView Backtest(Policy draft, IReadOnlyList<RecordedCase> cases, int days)
    {
        var report = PolicyBacktest.Run(draft, cases);
        return new(days, report.Replayed,
            report.Money.Select(m => new MoneyView(m.Currency, m.Before, m.After, m.Difference)).ToList(),
            report.EscalationsBefore, report.EscalationsAfter,
            report.Changed.Select(c => new ChangedView(c.Id, ExampleRunner.OutcomeName(c.From), ExampleRunner.OutcomeName(c.To), c.RuleBefore, c.RuleAfter,
                c.RefundBefore, c.RefundAfter, c.Asks)).ToList(),
            report.Unreadable.Select(u => $"{u.Id}: {u.Why}").ToList(),
            BacktestReportText.Write(report, draft.Id, days));
    }
}
