using RefundBot.Eligibility.Analysis;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Eligibility.Tests.Analysis;

/// <summary>
/// <c>policy test</c> (issue 25): a business's own examples, from its text, run against its policy; a failure says what
/// differed and which rule decided.
/// </summary>
public sealed class PolicyExamplesTests : IDisposable
{
    private readonly PolicyFolder _folder = new(PolicyFolder.FourteenDayReturns);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("masecurite")]
    [InlineData("necxian")]
    [InlineData("seven-day-services")]
    [InlineData("smarters-pro")]
    [InlineData("tech-services")]
    public void Every_example_a_policy_ships_from_its_text_holds(string policyId)
    {
        var problems = new List<PolicyProblem>();
        var examples = PolicyExamplesReader.Read(Path.Combine(Policies.ContentDirectory, policyId, PolicyExamples.File), problems);

        var results = ExampleRunner.Run(Policies.Get(policyId), examples);

        Assert.Empty(problems);
        Assert.True(results.Count >= 5, $"{policyId} ships {results.Count} examples");
        Assert.Empty(results.Where(r => !r.Passed).Select(r => r.Describe(PolicyExamples.File)));
    }

    [Fact]
    public void The_masecurite_example_of_its_text_is_among_them_to_the_cent()
    {
        var examples = PolicyExamplesReader.Read(Path.Combine(Policies.ContentDirectory, "masecurite", PolicyExamples.File), []);

        var example = Assert.Single(examples.Examples, e => e.Expect.Refund == 116.71m && e.Expect.FeesKept is null && e.Facts["purchase_date"] == "2026-03-21");

        Assert.Equal((3.29m, "partial-refund"), (example.Expect.WithheldForUse, example.Expect.Outcome));
    }

    [Fact]
    public void A_failing_example_names_its_line_what_differed_and_the_rule_that_decided()
    {
        var path = _folder.Write(PolicyExamples.File, """
            examples:
              - name: a return on day 14 is refunded
                requestedAt: 2026-03-15T12:00:00+00:00
                facts: { purchase_date: 2026-03-01, opened: false, amount_paid: 80 }
                expect: { outcome: full-refund, refund: 80 }
              - name: a return on day 15 is refunded too (wrong)
                requestedAt: 2026-03-16T12:00:00+00:00
                facts: { purchase_date: 2026-03-01, opened: false, amount_paid: 80 }
                expect: { outcome: full-refund, refund: 80 }
            """).Folder;

        var results = ExampleRunner.Run(Load(), PolicyExamplesReader.Read(Path.Combine(path, PolicyExamples.File), []));

        Assert.Equal([true, false], results.Select(r => r.Passed));
        var failure = results[1].Describe(PolicyExamples.File);
        Assert.StartsWith("examples.yaml:6: FAIL a return on day 15 is refunded too (wrong)", failure);
        Assert.Contains("expected full-refund, got denied", failure);
        Assert.Contains("expected refund 80, got no amount", failure);
        Assert.Contains("decided by rule 'too-late' (sections returns): denied", failure);
    }

    [Fact]
    public void An_example_with_a_fact_the_policy_does_not_have_or_a_bad_value_fails_saying_so()
    {
        var path = _folder.Write(PolicyExamples.File, """
            examples:
              - name: typos
                requestedAt: 2026-03-15T12:00:00+00:00
                facts: { purchase_date: 2026-03-01, openned: false, amount_paid: eighty }
                expect: { outcome: full-refund }
            """).Folder;

        var result = Assert.Single(ExampleRunner.Run(Load(), PolicyExamplesReader.Read(Path.Combine(path, PolicyExamples.File), [])));

        Assert.False(result.Passed);
        Assert.Contains("the policy has no fact 'openned'", result.Differences);
        Assert.Contains(result.Differences, d => d.StartsWith("fact 'amount_paid':", StringComparison.Ordinal));
    }

    [Fact]
    public void Examples_may_be_a_tsv_with_a_column_per_fact_and_an_empty_cell_for_a_fact_not_given()
    {
        var path = _folder.Write("examples.tsv",
            "name\trequestedAt\toutcome\trefund\tmissing\tpurchase_date\topened\tamount_paid\trestocking_fee\n"
            + "opened, fee kept\t2026-03-15T12:00:00+00:00\tpartial-refund\t67.5\t\t2026-03-01\ttrue\t80\t12.5\n"
            + "the fee is asked\t2026-03-15T12:00:00+00:00\tmore-facts-needed\t\trestocking_fee\t2026-03-01\ttrue\t80\t\n").Folder;
        var problems = new List<PolicyProblem>();

        var results = ExampleRunner.Run(Load(), PolicyExamplesReader.Read(Path.Combine(path, "examples.tsv"), problems));

        Assert.Empty(problems);
        Assert.Equal([(2, true), (3, true)], results.Select(r => (r.Example.Line, r.Passed)));
    }

    private Model.Policy Load() => PolicyLoader.Load(_folder.Folder, []) ?? throw new InvalidOperationException("the fixture does not load");
}
