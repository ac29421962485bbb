using System.Globalization;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Analysis;

/// <summary>One example run: passed, or what differed, with the rule that decided and the sections it cites.</summary>
public sealed record ExampleResult(PolicyExample Example, bool Passed, IReadOnlyList<string> Differences, Decision? Decision)
{
    public string Describe(string file)
    {
        var head = $"{file}:{Example.Line}: {(Passed ? "ok" : "FAIL")} {Example.Name}";
        if (Passed)
        {
            return head;
        }

        var decided = Decision is null ? "" : $"\n    decided by rule '{Decision.RuleId}'"
            + (Decision.Sections.Count > 0 ? $" (sections {string.Join(", ", Decision.Sections)})" : "")
            + $": {ExampleRunner.OutcomeName(Decision.Outcome)}"
            + (Decision.Breakdown is { } b ? $", refund {b.Refund.ToString(CultureInfo.InvariantCulture)} {b.Currency}" : "")
            + (Decision.MissingFacts.Count > 0 ? $", asks for {string.Join(", ", Decision.MissingFacts)}" : "");
        return head + string.Concat(Differences.Select(d => "\n    " + d)) + decided;
    }
}

/// <summary>
/// <c>policy test</c>: runs a business's examples against a policy with the engine the bot uses, and says for each
/// failure what differed and which rule decided.
/// </summary>
public static class ExampleRunner
{
    public static IReadOnlyList<ExampleResult> Run(Policy policy, PolicyExamples examples) =>
        examples.Examples.Select(e => Run(policy, e)).ToList();

    /// <summary>An outcome as the API and the examples name it ("partial-refund").</summary>
    public static string OutcomeName(Outcome outcome) =>
        string.Concat(outcome.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static ExampleResult Run(Policy policy, PolicyExample example)
    {
        var problems = new List<string>();
        var facts = new Dictionary<string, object>(StringComparer.Ordinal);
        var requestedAt = Instant(example.RequestedAt, "requestedAt", problems);
        var decidedAt = example.DecidedAt is { } decided ? Instant(decided, "decidedAt", problems) : requestedAt;
        foreach (var (id, text) in example.Facts)
        {
            if (policy.Fact(id) is not { } definition)
            {
                problems.Add($"the policy has no fact '{id}'");
            }
            else if (FactReader.Read(definition, text, out var problem) is { } value)
            {
                facts[id] = value;
            }
            else
            {
                problems.Add($"fact '{id}': {problem}");
            }
        }

        if (!Enum.GetValues<Outcome>().Any(o => OutcomeName(o) == example.Expect.Outcome))
        {
            problems.Add($"unknown expected outcome '{example.Expect.Outcome}' (one of {string.Join(", ", Enum.GetValues<Outcome>().Select(OutcomeName))})");
        }

        if (problems.Count > 0 || requestedAt is null || decidedAt is null)
        {
            return new ExampleResult(example, false, problems, null);
        }

        var decision = EligibilityEngine.Decide(policy, new FactValues(facts), new DecisionInstants(requestedAt.Value, decidedAt.Value));
        return new ExampleResult(example, Differences(example.Expect, decision).ToList() is var differences && differences.Count == 0, differences, decision);
    }

    private static IEnumerable<string> Differences(ExpectedDecision expect, Decision decision)
    {
        if (OutcomeName(decision.Outcome) != expect.Outcome)
        {
            yield return $"expected {expect.Outcome}, got {OutcomeName(decision.Outcome)}";
        }

        if (expect.Rule is { } rule && rule != decision.RuleId)
        {
            yield return $"expected rule '{rule}', got '{decision.RuleId}'";
        }

        var amounts = new (string Name, decimal? Expected, decimal? Actual)[]
        {
            ("refund", expect.Refund, decision.Breakdown?.Refund),
            ("paid", expect.Paid, decision.Breakdown?.Paid),
            ("feesKept", expect.FeesKept, decision.Breakdown?.FeesKept),
            ("withheldForUse", expect.WithheldForUse, decision.Breakdown?.WithheldForUse),
            ("deductions", expect.Deductions, decision.Breakdown?.Deductions),
        };
        foreach (var (name, expected, actual) in amounts.Where(a => a.Expected is not null && a.Expected != a.Actual))
        {
            yield return $"expected {name} {Text(expected)}, got {(actual is null ? "no amount" : Text(actual))}";
        }

        var latest = decision.Timeline?.LatestDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (expect.LatestRefundDate is { } date && date != latest)
        {
            yield return $"expected the refund by {date}, got {latest ?? "no date"}";
        }

        if (expect.Missing is { } missing && !missing.Order(StringComparer.Ordinal).SequenceEqual(decision.MissingFacts.Order(StringComparer.Ordinal)))
        {
            yield return $"expected to ask for {string.Join(", ", missing)}, got {(decision.MissingFacts.Count == 0 ? "nothing" : string.Join(", ", decision.MissingFacts))}";
        }
    }

    private static string Text(decimal? amount) => amount?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static DateTimeOffset? Instant(string text, string name, List<string> problems)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && text.Contains('T'))
        {
            return instant;
        }

        problems.Add($"{name} '{text}' is not an instant with its offset (2026-03-31T12:00:00+02:00)");
        return null;
    }
}
