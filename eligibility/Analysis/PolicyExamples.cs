using System.Globalization;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;
using YamlDotNet.Core;

namespace RefundBot.Eligibility.Analysis;

/// <summary>
/// A business's own examples of its policy (<c>policy-content/{id}/examples.yaml</c>, or a TSV with the same
/// columns): facts, instants and what the policy must decide, as the policy's text gives them ("€120 annual, 10 days
/// used: €116.71 refunded").
/// </summary>
public sealed class PolicyExamples : Located
{
    public const string File = "examples.yaml";

    public List<PolicyExample> Examples { get; set; } = [];
}

/// <summary>One example: when it is asked (and decided, when later), the facts, and what is expected.</summary>
public sealed class PolicyExample : Located
{
    public string Name { get; set; } = "";

    /// <summary>When the customer asks (ISO 8601 with its offset): windows are judged at it.</summary>
    public string RequestedAt { get; set; } = "";

    /// <summary>When the decision is made (default: <see cref="RequestedAt"/>): timelines count from it.</summary>
    public string? DecidedAt { get; set; }

    /// <summary>Fact values as the API takes them: "2026-03-21", "annual", "120", "true".</summary>
    public Dictionary<string, string> Facts { get; set; } = [];

    public ExpectedDecision Expect { get; set; } = new();
}

/// <summary>What an example expects: the outcome, and only what it names of the rest.</summary>
public sealed class ExpectedDecision : Located
{
    /// <summary>As the API names it: full-refund, partial-refund, denied, more-facts-needed...</summary>
    public string Outcome { get; set; } = "";

    public string? Rule { get; set; }
    public decimal? Refund { get; set; }
    public decimal? Paid { get; set; }
    public decimal? FeesKept { get; set; }
    public decimal? WithheldForUse { get; set; }
    public decimal? Deductions { get; set; }

    /// <summary>The latest date of the refund (yyyy-MM-dd), where the timeline counts business days.</summary>
    public string? LatestRefundDate { get; set; }

    /// <summary>For more-facts-needed: the facts asked for next.</summary>
    public List<string>? Missing { get; set; }
}

/// <summary>Reads an examples file: YAML (<see cref="PolicyExamples"/>) or TSV (a header, then one example a line).</summary>
public static class PolicyExamplesReader
{
    /// <summary>TSV columns that are not facts; every other column is a fact, an empty cell a fact not given.</summary>
    private static readonly string[] TsvColumns =
        ["name", "requestedAt", "decidedAt", "outcome", "rule", "refund", "paid", "feesKept", "withheldForUse", "deductions", "latestRefundDate", "missing"];

    public static PolicyExamples Read(string path, List<PolicyProblem> problems)
    {
        var file = Path.GetFileName(path);
        if (!System.IO.File.Exists(path))
        {
            problems.Add(new PolicyProblem(file, 0, "the examples file does not exist"));
            return new PolicyExamples();
        }

        if (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return ReadTsv(path, file, problems);
        }

        return ReadYaml(file, File.ReadAllText(path), problems);
    }

    /// <summary>An examples file's YAML text (<paramref name="file"/> names it in problems).</summary>
    public static PolicyExamples ReadYaml(string file, string text, List<PolicyProblem> problems)
    {
        try
        {
            return PolicyLoader.Deserialize<PolicyExamples>(text) ?? new PolicyExamples();
        }
        catch (YamlException exception)
        {
            problems.Add(PolicyLoader.Problem(file, exception));
            return new PolicyExamples();
        }
    }

    private static PolicyExamples ReadTsv(string path, string file, List<PolicyProblem> problems)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var examples = new PolicyExamples();
        if (lines.Length == 0)
        {
            return examples;
        }

        var header = lines[0].Split('\t').Select(h => h.Trim()).ToArray();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0 || lines[i].StartsWith('#'))
            {
                continue;
            }

            var cells = lines[i].Split('\t');
            if (cells.Length > header.Length)
            {
                problems.Add(new PolicyProblem(file, i + 1, $"{cells.Length} cells for {header.Length} columns"));
                continue;
            }

            string? Cell(string column) => Array.IndexOf(header, column) is >= 0 and var at && at < cells.Length && cells[at].Trim().Length > 0 ? cells[at].Trim() : null;
            decimal? Money(string column) => Cell(column) is { } text ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : null;
            try
            {
                examples.Examples.Add(new PolicyExample
                {
                    Line = i + 1,
                    Name = Cell("name") ?? $"line {i + 1}",
                    RequestedAt = Cell("requestedAt") ?? "",
                    DecidedAt = Cell("decidedAt"),
                    Facts = header.Where(h => !TsvColumns.Contains(h) && Cell(h) is not null).ToDictionary(h => h, h => Cell(h)!),
                    Expect = new ExpectedDecision
                    {
                        Line = i + 1, Outcome = Cell("outcome") ?? "", Rule = Cell("rule"), Refund = Money("refund"), Paid = Money("paid"),
                        FeesKept = Money("feesKept"), WithheldForUse = Money("withheldForUse"), Deductions = Money("deductions"),
                        LatestRefundDate = Cell("latestRefundDate"), Missing = Cell("missing")?.Split(',').Select(m => m.Trim()).ToList(),
                    },
                });
            }
            catch (FormatException)
            {
                problems.Add(new PolicyProblem(file, i + 1, "an amount is not a number (write 116.71)"));
            }
        }

        return examples;
    }
}
