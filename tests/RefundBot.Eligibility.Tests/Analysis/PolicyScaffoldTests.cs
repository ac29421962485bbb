using System.Text.RegularExpressions;
using RefundBot.Eligibility.Analysis;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Eligibility.Tests.Analysis;

/// <summary>
/// <c>policy new &lt;id&gt; --from policy.txt</c> (issue 25): a folder scaffolded from a business's text, which
/// <c>policy check</c> then guides to completion, placeholder by placeholder.
/// </summary>
public sealed partial class PolicyScaffoldTests : IDisposable
{
    /// <summary>A text as businesses send it: a title, an introduction, numbered headings, a sub-heading, bullets.</summary>
    private const string Text = """
        Refund Policy

        Last updated: January 2026

        At Example Shop, your satisfaction matters.

        1. 30-Day Returns

        You may return any item within a period of 30 calendar days from the date of purchase.

        2. How to Ask

        Write to us:

          • by e-mail
          • by phone

        Opened items

        Opened items are refunded less a fee of €5, within 14 business days.
        """;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("scaffold-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Sections_get_stable_ids_from_their_headings_and_keep_the_text_as_written()
    {
        var (title, sections) = PolicyScaffold.Split(Text);

        Assert.Equal("Refund Policy", title);
        Assert.Equal([("intro", 2), ("30-day-returns", 2), ("how-ask", 2), ("opened-items", 3)], sections.Select(s => (s.Id, s.Level)));
        Assert.Equal(["Introduction", "1. 30-Day Returns", "2. How to Ask", "Opened items"], sections.Select(s => s.Heading));
        Assert.Equal("Write to us:\n\n- by e-mail\n- by phone", sections[2].Body.Replace("\r", ""));
    }

    [Fact]
    public void The_folder_holds_the_text_in_its_language_placeholders_in_the_other_and_a_skeleton_of_rules()
    {
        var folder = Scaffold();
        var problems = new List<PolicyProblem>();

        var english = PolicyTextParser.Parse("policy.en.md", "en", File.ReadAllText(Path.Combine(folder, "policy.en.md")), problems);
        var french = PolicyTextParser.Parse("policy.fr.md", "fr", File.ReadAllText(Path.Combine(folder, "policy.fr.md")), problems);
        var policy = PolicyLoader.Read(folder, problems, out var valid);

        Assert.DoesNotContain(problems, p => p.File.EndsWith(".md", StringComparison.Ordinal));
        Assert.Equal(english.Sections.Select(s => s.Id), french.Sections.Select(s => s.Id));
        Assert.Contains("within a period of 30 calendar days", english.Section("30-day-returns")!.Body);
        Assert.All(french.Sections, s => Assert.StartsWith(PolicyScaffold.Placeholder, s.Body));
        // The window the text states, and nothing it does not: every other request goes to a person.
        Assert.NotNull(policy);
        Assert.False(valid); // the time zone is the business's to give
        Assert.Equal([("outside-30-days", "30-day-returns", 30), ("case-by-case", "intro", 0)],
            policy.Rules.Select(r => (r.Id, r.Section, r.When?.Not?.Within?.CalendarDays ?? 0)));
        Assert.Equal(Model.RuleOutcome.HumanReview, policy.Rules[^1].Outcome);
        Assert.Equal("EUR", policy.Currency);
    }

    [Fact]
    public void Policy_check_points_at_every_placeholder_and_passes_once_a_person_has_completed_them()
    {
        var folder = Scaffold();

        var before = PolicyCheck.Run(folder);

        Assert.True(before.HasErrors);
        var placeholders = before.Findings.Where(f => f.Code == FindingCodes.Placeholder).ToList();
        var files = Directory.GetFiles(folder).Select(f => (Name: Path.GetFileName(f), Lines: File.ReadAllLines(f))).ToList();
        Assert.Equal(
            files.SelectMany(f => f.Lines.Select((l, i) => (f.Name, Line: i + 1, l)).Where(l => l.l.Contains(PolicyScaffold.Placeholder)).Select(l => $"shop/{l.Name}:{l.Line}")).Order(),
            placeholders.Select(f => $"{f.File}:{f.Line}").Order());
        Assert.Contains(before.Findings, f => f.Code == FindingCodes.Invalid && f.Message.Contains("timeZone"));

        foreach (var (name, lines) in files)
        {
            File.WriteAllLines(Path.Combine(folder, name), lines.Select(Complete));
        }

        Assert.Empty(PolicyCheck.Run(folder).Findings.Select(f => f.ToString()));
    }

    /// <summary>What a person writes in place of each placeholder (the French of a translation, the zone, the words).</summary>
    private static string Complete(string line) => line switch
    {
        _ when line.Contains("timeZone:") => "timeZone: Europe/Paris",
        _ when line.Contains("initials:") => "initials: ES",
        _ when line.StartsWith("# TODO", StringComparison.Ordinal) => "# Politique de remboursement",
        _ when line.StartsWith("#", StringComparison.Ordinal) => line.Replace("TODO: ", ""),
        _ when line.StartsWith("TODO", StringComparison.Ordinal) => "Texte traduit.",
        _ => Placeholder().Replace(line, "\"Completed.\""),
    };

    [GeneratedRegex("\"TODO[^\"]*\"")]
    private static partial Regex Placeholder();

    private string Scaffold()
    {
        var folder = Path.Combine(_root.FullName, "shop");
        Directory.CreateDirectory(folder);
        foreach (var (name, content) in PolicyScaffold.Create("shop", Text, "en"))
        {
            File.WriteAllText(Path.Combine(folder, name), content);
        }

        return folder;
    }
}
