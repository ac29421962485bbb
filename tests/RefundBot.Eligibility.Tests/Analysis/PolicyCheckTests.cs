using RefundBot.Eligibility.Analysis;

namespace RefundBot.Eligibility.Tests.Analysis;

/// <summary>
/// <c>policy check</c> (issue 25): the loader's problems and the static analysis, each finding with its file and line.
/// Each finding is shown on the fourteen-day fixture changed as little as causes it; the fixture itself has none.
/// </summary>
public sealed class PolicyCheckTests : IDisposable
{
    private const string Rules = "policy.yaml";
    private const string LastRule = "  - id: return\n";
    private readonly PolicyFolder _folder = new(PolicyFolder.FourteenDayReturns);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("masecurite")]
    [InlineData("necxian")]
    [InlineData("seven-day-services")]
    [InlineData("smarters-pro")]
    [InlineData("tech-services")]
    public void The_five_real_policies_pass_with_no_finding_but_those_their_allowlist_explains(string policyId)
    {
        var report = PolicyCheck.Run(Path.Combine(Policies.ContentDirectory, policyId));

        Assert.Empty(report.Findings.Select(f => f.ToString()));
        Assert.All(report.Allowed, a => Assert.False(string.IsNullOrWhiteSpace(a.Reason)));
    }

    [Fact]
    public void The_unchanged_fixture_has_no_finding() => Assert.Empty(Check().Findings.Select(f => f.ToString()));

    [Fact]
    public void A_rule_whose_cases_an_earlier_rule_all_decides_is_shadowed_at_its_line()
    {
        // "Not within 30 days" is always also "not within 14 days": too-late has already denied every such case.
        _folder.Replace(Rules, LastRule, """
              - id: far-too-late
                section: returns
                when:
                  not: { within: { from: purchase_date, calendarDays: 30 } }
                outcome: human-review
                explanation: { en: A person looks at it., fr: Une personne l'examine. }

            """ + LastRule);

        var finding = Single(FindingCodes.ShadowedRule);

        Assert.Equal(("fourteen-day-returns/policy.yaml", _folder.LineOf(Rules, "id: far-too-late"), "far-too-late"), (finding.File, finding.Line, finding.Subject));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("('too-late')", finding.Message);
    }

    [Fact]
    public void A_rule_covered_only_by_several_earlier_rules_together_is_shadowed_and_names_them_all()
    {
        _folder.Replace(Rules, LastRule, """
              - id: opened
                section: restocking
                when: { fact: opened, is: true }
                outcome: human-review
                explanation: { en: A person looks at it., fr: Une personne l'examine. }
              - id: sealed
                section: returns
                when: { fact: opened, is: false }
                outcome: human-review
                explanation: { en: A person looks at it., fr: Une personne l'examine. }
              - id: cheap
                section: returns
                when: { fact: amount_paid, lessThan: 10 }
                outcome: denied
                explanation: { en: Too cheap., fr: Trop bon marché. }

            """ + LastRule);

        var findings = Check().Findings.Where(f => f.Code == FindingCodes.ShadowedRule).ToList();

        Assert.Equal(["cheap", "return"], findings.Select(f => f.Subject));
        Assert.Contains("('too-late', 'opened', 'sealed')", findings[0].Message);
        // The default rule every policy must end with is only warned about: it is required, and simply never reached.
        Assert.Equal([FindingSeverity.Error, FindingSeverity.Warning], findings.Select(f => f.Severity));
    }

    [Fact]
    public void A_rule_an_earlier_rule_covers_only_in_part_is_not_reported()
    {
        // Within 14 days and opened: too-late never decides those, so the rule can decide.
        _folder.Replace(Rules, LastRule, """
              - id: opened
                section: restocking
                when: { fact: opened, is: true }
                outcome: human-review
                explanation: { en: A person looks at it., fr: Une personne l'examine. }

            """ + LastRule);

        Assert.Empty(Check().Findings.Select(f => f.ToString()));
    }

    [Fact]
    public void A_rule_whose_own_windows_contradict_each_other_can_never_apply()
    {
        _folder.Replace(Rules, LastRule, """
              - id: impossible
                section: returns
                when:
                  all:
                    - within: { from: purchase_date, calendarDays: 14 }
                    - not: { within: { from: purchase_date, calendarDays: 30 } }
                outcome: human-review
                explanation: { en: A person looks at it., fr: Une personne l'examine. }

            """ + LastRule);

        var finding = Single(FindingCodes.ContradictingWindows);

        Assert.Equal(("impossible", _folder.LineOf(Rules, "id: impossible")), (finding.Subject, finding.Line));
        Assert.Contains("14 calendar days from purchase_date, 30 calendar days from purchase_date", finding.Message);
    }

    [Fact]
    public void A_window_its_explanation_words_with_another_length_contradicts_it()
    {
        // The draft of the backtest's example, done half-way: the rule counts 30 days, its words still say 14.
        _folder.Replace(Rules, "calendarDays: 14", "calendarDays: 30");

        var finding = Single(FindingCodes.ContradictingWindows);

        Assert.Equal(("too-late", _folder.LineOf(Rules, "id: too-late")), (finding.Subject, finding.Line));
        Assert.Contains("\"14 days\" (en), \"14 jours\" (fr)", finding.Message);
    }

    [Fact]
    public void Rules_resting_on_one_section_that_count_different_windows_from_one_date_contradict_each_other()
    {
        _folder.Replace(Rules, LastRule, """
              - id: late-opened
                section: returns
                when:
                  all:
                    - { fact: opened, is: true }
                    - not: { within: { from: purchase_date, calendarDays: 10 } }
                outcome: denied
                explanation: { en: Opened items go back sooner., fr: Les articles ouverts reviennent plus tôt. }

            """ + LastRule);

        var finding = Single(FindingCodes.ContradictingWindows);

        Assert.Contains("section 'returns'", finding.Message);
        Assert.Equal(("late-opened", _folder.LineOf(Rules, "id: late-opened")), (finding.Subject, finding.Line));
        Assert.Contains("'too-late' 14 calendar days, 'late-opened' 10 calendar days", finding.Message);
    }

    [Fact]
    public void A_fact_declared_and_never_used_is_a_warning_at_its_declaration()
    {
        _folder.Replace(Rules, "facts:\n", """
            facts:
              - id: gift
                type: boolean
                question: { en: Was it a gift?, fr: Était-ce un cadeau ? }

            """);

        var finding = Single(FindingCodes.UnusedFact);

        Assert.Equal(("gift", _folder.LineOf(Rules, "id: gift"), FindingSeverity.Warning), (finding.Subject, finding.Line, finding.Severity));
        Assert.False(Check().HasErrors);
    }

    [Fact]
    public void A_fact_a_rule_uses_and_the_bot_could_never_ask_is_an_error_where_it_is_used()
    {
        _folder.Replace(Rules, "      fr: Avez-vous ouvert l'article ?\n", "");

        var finding = Single(FindingCodes.UnaskedFact);

        Assert.Equal(("opened", _folder.LineOf(Rules, "when: { fact: opened, is: true }")), (finding.Subject, finding.Line));
        Assert.Contains("no question in fr", finding.Message);
        Assert.Contains(Check().Findings, f => f.Code == FindingCodes.Invalid && f.Message.Contains("fact 'opened' question has no 'fr' text"));
    }

    [Fact]
    public void Several_choices_no_rule_names_are_reported_once_for_their_fact()
    {
        _folder.Replace(Rules, "facts:\n", """
            facts:
              - id: condition
                type: choice
                question: { en: What state is it in?, fr: Dans quel état est-il ? }
                choices:
                  - { id: new, label: { en: New, fr: Neuf } }
                  - { id: worn, label: { en: Worn, fr: Usé } }
                  - { id: broken, label: { en: Broken, fr: Cassé } }

            """).Replace(Rules, LastRule, """
              - id: broken
                section: returns
                when: { fact: condition, is: broken }
                outcome: human-review
                explanation: { en: A person looks at it., fr: Une personne l'examine. }

            """ + LastRule);

        var finding = Single(FindingCodes.UnusedChoice);

        Assert.Equal(("condition", _folder.LineOf(Rules, "id: new,")), (finding.Subject, finding.Line));
        Assert.Contains("'new', 'worn'", finding.Message);
    }

    [Fact]
    public void One_choice_no_rule_names_is_the_facts_anything_else_and_not_reported()
    {
        _folder.Replace(Rules, "facts:\n", """
            facts:
              - id: condition
                type: choice
                question: { en: What state is it in?, fr: Dans quel état est-il ? }
                choices:
                  - { id: new, label: { en: New, fr: Neuf } }
                  - { id: broken, label: { en: Broken, fr: Cassé } }

            """).Replace(Rules, LastRule, """
              - id: broken
                section: returns
                when: { fact: condition, is: broken }
                outcome: human-review
                explanation: { en: A person looks at it., fr: Une personne l'examine. }

            """ + LastRule);

        Assert.Empty(Check().Findings.Select(f => f.ToString()));
    }

    [Fact]
    public void A_section_cited_that_does_not_exist_is_an_error_at_the_citation()
    {
        _folder.Replace(Rules, "section: restocking", "section: restock");

        var findings = Check().Findings;

        Assert.Equal(["policy.en.md", "policy.fr.md"], findings.Select(f => f.Message[(f.Message.IndexOf("which ", StringComparison.Ordinal) + 6)..].Split(' ')[0]));
        // The line of the amount that cites it, as the loader names it.
        Assert.All(findings, f => Assert.Equal(("fourteen-day-returns/policy.yaml", _folder.LineOf(Rules, "- fact: restocking_fee")), (f.File, f.Line)));
        Assert.All(findings, f => Assert.Contains("cites section 'restock'", f.Message));
    }

    [Fact]
    public void A_section_in_one_language_only_is_an_error_at_its_heading()
    {
        _folder.Replace("policy.en.md", "## [restocking]", "## [exchanges] Exchanges\nWe exchange items within 14 days.\n\n## [restocking]");

        var finding = Single(FindingCodes.SectionInOneLanguage);

        Assert.Equal(("fourteen-day-returns/policy.en.md", _folder.LineOf("policy.en.md", "[exchanges]"), "exchanges"), (finding.File, finding.Line, finding.Subject));
        Assert.Contains("not in policy.fr.md", finding.Message);
    }

    [Fact]
    public void An_allowlisted_finding_is_kept_out_with_its_reason_a_reason_is_required_and_a_stale_entry_is_warned_of()
    {
        _folder.Replace(Rules, "facts:\n", "facts:\n  - id: gift\n    type: boolean\n    question: { en: Was it a gift?, fr: Était-ce un cadeau ? }\n")
            .Write("check-allow.yaml", """
                allow:
                  - { code: unused-fact, subject: gift, reason: Asked by the next version of the rules. }
                  - { code: unused-fact, subject: colour, reason: Gone. }
                  - { code: shadowed-rule, subject: too-late }
                """);

        var report = Check();

        Assert.Equal("gift", Assert.Single(report.Allowed).Finding.Subject);
        Assert.Equal(
            [(FindingSeverity.Warning, 3, "colour"), (FindingSeverity.Error, 4, "too-late")],
            report.Findings.Select(f => (f.Severity, f.Line, f.Subject)));
        Assert.All(report.Findings, f => Assert.Equal((FindingCodes.Allowlist, "fourteen-day-returns/check-allow.yaml"), (f.Code, f.File)));
    }

    [Fact]
    public void A_yaml_error_is_the_loaders_with_its_line_and_column()
    {
        _folder.Replace(Rules, "    type: boolean", "   type: boolean\n  bad: [");

        var finding = Assert.Single(Check().Findings);

        Assert.Equal((FindingCodes.Invalid, "fourteen-day-returns/policy.yaml"), (finding.Code, finding.File));
        Assert.True(finding.Line > 0);
        Assert.True(Check().HasErrors);
    }

    private PolicyCheckReport Check() => PolicyCheck.Run(_folder.Folder);

    private PolicyFinding Single(string code)
    {
        var report = Check();
        return Assert.Single(report.Findings, f => f.Code == code);
    }
}
