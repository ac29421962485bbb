using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Tests;

/// <summary>policy-content/ is loaded and validated at start-up; a broken file names its file, line and problem.</summary>
public sealed class PolicyLoadingTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fourteen-day-returns");
    private readonly string _directory = Directory.CreateTempSubdirectory("policies-").FullName;

    [Fact]
    public void The_five_source_policies_load_with_their_texts_in_both_languages()
    {
        Assert.Equal(["masecurite", "necxian", "seven-day-services", "smarters-pro", "tech-services"], Policies.All.Select(p => p.Id));
        Assert.All(Policies.All, p => Assert.Equal(["en", "fr"], p.Texts.Keys.Order()));
    }

    /// <summary>The desk names each fact by its label, never by its question; a fact without both labels fails here.</summary>
    [Fact]
    public void Every_fact_of_the_five_policies_has_a_short_label_in_English_and_French()
    {
        var facts = Policies.All.SelectMany(p => p.Facts.Select(f => (Fact: $"{p.Id}/{f.Id}", f.Label))).ToList();

        Assert.Empty(facts.Where(f => !f.Label.ContainsKey("en") || !f.Label.ContainsKey("fr")).Select(f => f.Fact));
        Assert.Empty(facts.Where(f => f.Label.Values.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > 45 || l.EndsWith('?'))).Select(f => f.Fact));
    }

    /// <summary>The desk's inbox marks a conversation past its business's target and offers its canned replies in both languages.</summary>
    [Fact]
    public void Each_of_the_five_policies_has_a_desk_target_and_canned_replies_in_English_and_French()
    {
        Assert.All(Policies.All, p => Assert.InRange(p.Desk!.TargetWaitMinutes, 1, 60));
        Assert.All(Policies.All, p => Assert.True(p.CannedReplies.Count >= 3, $"{p.Id} has {p.CannedReplies.Count} canned replies"));
        Assert.All(Policies.All.SelectMany(p => p.CannedReplies), r => Assert.Equal(["en", "fr"], r.Text.Keys.Order()));
    }

    [Fact]
    public void A_sixth_policy_is_added_as_a_folder_with_no_code_change()
    {
        CopyDirectory(Policies.ContentDirectory, _directory);
        CopyDirectory(Fixture, Path.Combine(_directory, "fourteen-day-returns"));

        var catalog = PolicyLoader.LoadAll(_directory);
        var policy = catalog.Get("fourteen-day-returns");
        var facts = new FactValues(new Dictionary<string, object>
        {
            ["purchase_date"] = new DateOnly(2026, 3, 1), ["opened"] = true, ["amount_paid"] = 80m, ["restocking_fee"] = 12.5m,
        });
        var decision = EligibilityEngine.Decide(policy, facts, new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(6, catalog.All.Count);
        Assert.Equal(Outcome.PartialRefund, decision.Outcome);
        Assert.Equal(67.5m, decision.Breakdown!.Refund);
        Assert.Equal(["returns", "restocking"], decision.Sections);
    }

    [Theory]
    [InlineData("policy.yaml", "    type: boolean", "   type: boolean\n  bad: [", "policy.yaml", 0, "")]
    [InlineData("policy.yaml", "outcome: denied", "outcom: denied", "policy.yaml", 35, "unknown property 'outcom' in a rule")]
    [InlineData("policy.yaml", "section: restocking", "section: restock", "policy.yaml", 45, "cites section 'restock'")]
    [InlineData("policy.yaml", "when: { fact: opened, is: true }", "when: { fact: openned, is: true }", "policy.yaml", 47, "unknown fact 'openned'")]
    [InlineData("policy.yaml", "when: { fact: opened, is: true }", "when: { fact: opened, is: maybe }", "policy.yaml", 47, "'maybe' is not a possible value of boolean fact 'opened'")]
    [InlineData("policy.yaml", "  - id: return\n    section: returns\n", "  - id: return\n    section: returns\n    when: { fact: opened, is: false }\n", "policy.yaml", 39, "the last rule must have no 'when'")]
    [InlineData("policy.yaml", "calendarDays: 14", "calendarDays: 14, hours: 3", "policy.yaml", 34, "one of them")]
    [InlineData("policy.yaml", "currency: GBP", "currency: pounds", "policy.yaml", 2, "ISO 4217")]
    [InlineData("policy.yaml", "currency: GBP", "currency: GBP\nmaxAmount: 0", "policy.yaml", 2, "maxAmount must be above 0")]
    [InlineData("policy.yaml", "currency: GBP", "currency: GBP\npublicHolidays: { fixed: [\"13-01\"], easter: [1] }", "policy.yaml", 2, "publicHolidays.fixed '13-01' must be a month and day")]
    [InlineData("policy.yaml", "currency: GBP", "currency: GBP\npublicHolidays: { fixed: [\"12-25\"], easter: [400] }", "policy.yaml", 2, "publicHolidays.easter 400 must be days from Easter Sunday")]
    [InlineData("policy.yaml", "currency: GBP", "currency: GBP\npublicHolidays:\n  fixed:\n", "policy.yaml", 2, "publicHolidays needs lists")]
    [InlineData("policy.yaml", "currency: GBP", "currency: GBP\nmaxAmount: 10000000000000", "policy.yaml", 2, "maxAmount must be above 0 and at most 1000000000000")]
    [InlineData("policy.yaml", "    type: money\n", "    type: money\n    max: 2000000\n", "policy.yaml", 19, "money fact 'amount_paid' has a max above the policy's maxAmount 1000000")]
    [InlineData("policy.yaml", "      fr: Combien avez-vous payé ?\n", "", "policy.yaml", 19, "fact 'amount_paid' question has no 'fr' text")]
    [InlineData("policy.yaml", "    type: money\n", "    type: money\n    unit: days\n", "policy.yaml", 19, "only number and integer facts have a unit ('amount_paid')")]
    [InlineData("policy.yaml", "    type: money\n", "    type: money\n    unit: fortnights\n", "policy.yaml", 0, "")]
    [InlineData("policy.yaml", "    type: money\n", "    type: money\n    saidFalse: { en: [\"paid nothing\"] }\n", "policy.yaml", 19, "only boolean facts have saidFalse ('amount_paid')")]
    [InlineData("policy.yaml", "    type: boolean\n", "    type: boolean\n    saidTrue: { en: [\"yes\"] }\n", "policy.yaml", 14, "saidTrue has a blank word, a plain yes or no, or a bare negation")]
    [InlineData("policy.yaml", "    question:\n      en: Have you opened the item?\n      fr: Avez-vous ouvert l'article ?", "    question: { en: Have you, by chance, opened it?, fr: L'avez-vous ouvert ? }", "policy.yaml", 14, "unknown language key 'by chance'")]
    [InlineData("policy.en.md", "## [restocking] Restocking fee", "## Restocking fee", "policy.en.md", 8, "needs a stable id")]
    [InlineData("policy.fr.md", "## [restocking]", "## [remise-en-stock]", "policy.yaml", 2, "same section ids")]
    [InlineData("desk-replies.yaml", "outcome: deny", "outcome: refuse", "desk-replies.yaml", 11, "unknown outcome 'refuse' (one of approve, partial, deny, alternative)")]
    [InlineData("desk-replies.yaml", "outcome: partial", "outcome: approve", "desk-replies.yaml", 7, "the desk reply for 'approve' is declared twice")]
    [InlineData("desk-replies.yaml", "      fr: Nous avons vérifié votre retour et vous le remboursons intégralement.\n", "", "desk-replies.yaml", 3, "the desk reply for 'approve' has no 'fr' text")]
    [InlineData("desk-replies.yaml", "outcome: partial", "outcom: partial", "desk-replies.yaml", 7, "unknown property 'outcom' in a deskreply")]
    [InlineData("desk.yaml", "targetWaitMinutes: 20", "targetWaitMinutes: 0", "desk.yaml", 2, "targetWaitMinutes must be between 1 and 1440 (a day)")]
    [InlineData("desk.yaml", "targetWaitMinutes: 20", "targetWaitMinute: 20", "desk.yaml", 2, "unknown property 'targetWaitMinute'")]
    [InlineData("canned-replies.yaml", "  - id: restocking", "  - id: return-label", "canned-replies.yaml", 9, "the canned reply 'return-label' is declared twice")]
    [InlineData("canned-replies.yaml", "  - id: restocking", "  - id: Restocking Fee", "canned-replies.yaml", 9, "canned reply id 'Restocking Fee' must be lower-case words joined by '-'")]
    [InlineData("canned-replies.yaml", "      fr: Un article ouvert est remboursé moins les frais de remise en stock.\n", "", "canned-replies.yaml", 9, "the canned reply 'restocking' has no 'fr' text")]
    public void A_broken_policy_stops_the_load_naming_the_file_the_line_and_the_problem(
        string file, string find, string replace, string blamedFile, int line, string problem)
    {
        var folder = Path.Combine(_directory, "fourteen-day-returns");
        CopyDirectory(Fixture, folder);
        var path = Path.Combine(folder, file);
        var original = File.ReadAllText(path);
        Assert.Contains(find, original);
        File.WriteAllText(path, original.Replace(find, replace));

        var error = Assert.Throws<PolicyValidationException>(() => PolicyLoader.LoadAll(_directory));

        var found = error.Problems.FirstOrDefault(p => p.File.EndsWith(blamedFile, StringComparison.Ordinal) && p.Message.Contains(problem, StringComparison.Ordinal));
        Assert.True(found is not null, $"expected a problem in {blamedFile} containing \"{problem}\", got:\n{error.Message}");
        if (line > 0)
        {
            Assert.True(line == found.Line, $"expected line {line}, got {found}");
        }

        Assert.Contains("fourteen-day-returns", error.Message);
    }

    [Theory]
    [InlineData("          en: [\"fixed\", \"it's fixed\",", "          en: [\"not yet\", \"fixed\", \"it's fixed\",", "'not yet' (en) selects more than one choice of fact 'troubleshooting_outcome': not_tried, resolved")]
    [InlineData("          en: [\"fixed\", \"it's fixed\",", "          de: [\"repariert\"]\n          en: [\"fixed\", \"it's fixed\",", "choice 'resolved' synonyms have an unknown language key 'de'")]
    // A plain yes/no word is the polarity's job; a bare negation ("never", "jamais", "none") negates other words, so
    // "they never fixed it" read as "not tried".
    [InlineData("          en: [\"not yet\",", "          en: [\"nope\", \"not yet\",", "choice 'not_tried' synonym 'nope' (en) is a plain yes or no")]
    [InlineData("          fr: [\"réglé\",", "          fr: [\"Oui\", \"réglé\",", "choice 'resolved' synonym 'Oui' (fr) is a plain yes or no")]
    [InlineData("          en: [\"not yet\",", "          en: [\"never\", \"not yet\",", "choice 'not_tried' synonym 'never' (en) is only a negation")]
    [InlineData("          fr: [\"pas essayé\",", "          fr: [\"Jamais\", \"pas essayé\",", "choice 'not_tried' synonym 'Jamais' (fr) is only a negation")]
    [InlineData("          en: [\"nothing like that\",", "          en: [\"none\", \"nothing like that\",", "choice 'neither' synonym 'none' (en) is only a negation")]
    public void A_synonym_that_would_select_two_choices_or_has_no_language_stops_the_load(string find, string replace, string problem)
    {
        CopyDirectory(Policies.ContentDirectory, _directory);
        var path = Path.Combine(_directory, "necxian", "policy.yaml");
        var original = File.ReadAllText(path);
        Assert.Contains(find, original);
        File.WriteAllText(path, original.Replace(find, replace));

        var error = Assert.Throws<PolicyValidationException>(() => PolicyLoader.LoadAll(_directory));

        Assert.Contains(problem, error.Message);
    }

    [Theory]
    // An unclosed '{': YamlDotNet's scanner throws a bare InvalidOperationException, which read "Operation is not
    // valid due to the current state of the object", with no position.
    [InlineData("      en: When did you buy it?", "      en: {When did you buy it?", 12, 11, "the '{' opened here is never closed")]
    [InlineData("      en: When did you buy it?", "      en: [When did you buy it?", 12, 11, "the '[' opened here is never closed")]
    // Line 15 loses one space of its indentation under "  - id: opened".
    [InlineData("    type: boolean", "   type: boolean", 15, 4, "did not find expected '-' indicator")]
    public void A_yaml_syntax_error_names_the_file_the_line_the_column_and_what_the_parser_found(
        string find, string replace, int line, int column, string message)
    {
        var folder = Path.Combine(_directory, "fourteen-day-returns");
        CopyDirectory(Fixture, folder);
        var path = Path.Combine(folder, "policy.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace(find, replace));

        var error = Assert.Throws<PolicyValidationException>(() => PolicyLoader.LoadAll(_directory));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((Path.Combine("fourteen-day-returns", "policy.yaml"), line, column), (problem.File, problem.Line, problem.Column));
        Assert.Contains(message, problem.Message);
        Assert.Equal($"{problem.File}:{line}:{column}: {problem.Message}", problem.ToString());
        Assert.DoesNotContain("current state of the object", problem.Message);
    }

    [Fact]
    public void A_policy_folder_without_its_policy_yaml_stops_the_load_naming_the_folder()
    {
        CopyDirectory(Fixture, Path.Combine(_directory, "fourteen-day-returns"));
        CopyDirectory(Fixture, Path.Combine(_directory, "half-copied"));
        File.Delete(Path.Combine(_directory, "half-copied", "policy.yaml"));

        var error = Assert.Throws<PolicyValidationException>(() => PolicyLoader.LoadAll(_directory));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(Path.Combine("half-copied", "policy.yaml"), problem.File);
        Assert.Contains("'half-copied' has no policy.yaml", problem.Message);
    }

    [Fact]
    public void Hidden_folders_are_not_policies()
    {
        CopyDirectory(Fixture, Path.Combine(_directory, "fourteen-day-returns"));
        Directory.CreateDirectory(Path.Combine(_directory, ".git"));

        Assert.Equal(["fourteen-day-returns"], PolicyLoader.LoadAll(_directory).All.Select(p => p.Id));
    }

    [Fact]
    public void A_price_above_the_policys_max_amount_is_refused_and_the_default_is_a_million()
    {
        var folder = Path.Combine(_directory, "fourteen-day-returns");
        CopyDirectory(Fixture, folder);
        var defaults = PolicyLoader.LoadAll(_directory).Get("fourteen-day-returns");
        var rules = Path.Combine(folder, "policy.yaml");
        File.WriteAllText(rules, File.ReadAllText(rules).Replace("currency: GBP", "currency: GBP\nmaxAmount: 500"));
        var capped = PolicyLoader.LoadAll(_directory).Get("fourteen-day-returns");

        Assert.Equal(1_000_000m, defaults.MaxAmount);
        Assert.Equal((0m, 1_000_000m), FactReader.Limits(defaults.Fact("amount_paid")!));
        Assert.NotNull(FactReader.Read(capped.Fact("amount_paid")!, "500", out _));
        Assert.Null(FactReader.Read(capped.Fact("amount_paid")!, "500.01", out var problem));
        Assert.Contains("above the maximum 500", problem);
    }

    [Fact]
    public void A_missing_translation_is_a_problem()
    {
        var folder = Path.Combine(_directory, "fourteen-day-returns");
        CopyDirectory(Fixture, folder);
        File.Delete(Path.Combine(folder, "policy.fr.md"));

        var error = Assert.Throws<PolicyValidationException>(() => PolicyLoader.LoadAll(_directory));

        Assert.Contains(error.Problems, p => p.File.EndsWith("policy.fr.md", StringComparison.Ordinal) && p.Message.Contains("missing"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
