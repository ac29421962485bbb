using RefundBot.Eligibility.Loading;
using YamlDotNet.Core;

namespace RefundBot.Eligibility.Analysis;

/// <summary>What <c>policy check</c> found: the findings to act on and those the allowlist explains.</summary>
public sealed record PolicyCheckReport(IReadOnlyList<PolicyFinding> Findings, IReadOnlyList<(PolicyFinding Finding, string Reason)> Allowed)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}

/// <summary>
/// <c>policy check &lt;folder&gt;</c>: what the loader refuses (each problem an error, with its file and line, worded
/// as when the bot starts) and the static analysis of <see cref="PolicyAnalyzer"/>, less what the folder's
/// <see cref="CheckAllowlist"/> explains.
/// </summary>
public static class PolicyCheck
{
    public static PolicyCheckReport Run(string folder)
    {
        var folderName = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        return Run(PolicyFolder.FromFiles(folderName, PolicyFolder.Read(folder).Files));
    }

    /// <summary>The same check of a folder's files, wherever they are kept (a folder on disk, a draft in the store).</summary>
    public static PolicyCheckReport Run(PolicyFolder folder)
    {
        if (!folder.Has(PolicyLoader.RulesFile))
        {
            return new([Invalid(new PolicyProblem(folder.DisplayPath(PolicyLoader.RulesFile), 0, $"the folder has no {PolicyLoader.RulesFile}"))], []);
        }

        var problems = new List<PolicyProblem>();
        var policy = PolicyLoader.Read(folder, problems, out _);
        var findings = problems.Select(Invalid).ToList();
        if (policy is not null)
        {
            // A finding at a line the loader already reports says the same thing twice: the loader's words are kept.
            findings.AddRange(PolicyAnalyzer.Analyze(policy, folder.Name)
                .Where(f => !problems.Any(p => p.File == f.File && p.Line == f.Line && p.Message.Contains(f.Subject, StringComparison.Ordinal))));
        }

        findings.AddRange(Placeholders(folder));
        return Allow(folder, findings);
    }

    /// <summary>What <c>policy new</c> left for a person: every line of the folder's files still marked TODO.</summary>
    private static IEnumerable<PolicyFinding> Placeholders(PolicyFolder folder)
    {
        foreach (var (name, text) in folder.Files.Where(f => f.Key.EndsWith(".yaml", StringComparison.Ordinal) || f.Key.EndsWith(".md", StringComparison.Ordinal)))
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains(PolicyScaffold.Placeholder, StringComparison.Ordinal))
                {
                    yield return new(FindingSeverity.Error, folder.DisplayPath(name), i + 1, FindingCodes.Placeholder, name,
                        $"still to complete: {lines[i].Trim()}");
                }
            }
        }
    }

    private static PolicyCheckReport Allow(PolicyFolder folder, List<PolicyFinding> findings)
    {
        if (!folder.Has(CheckAllowlist.File))
        {
            return new(findings, []);
        }

        var file = folder.DisplayPath(CheckAllowlist.File);
        CheckAllowlist allowlist;
        try
        {
            allowlist = PolicyLoader.Deserialize<CheckAllowlist>(folder.Text(CheckAllowlist.File)) ?? new CheckAllowlist();
        }
        catch (YamlException exception)
        {
            return new([.. findings, Invalid(PolicyLoader.Problem(file, exception))], []);
        }

        var allowed = new List<(PolicyFinding, string)>();
        foreach (var entry in allowlist.Allow)
        {
            var matched = findings.Where(entry.Matches).ToList();
            if (string.IsNullOrWhiteSpace(entry.Reason))
            {
                findings.Add(new(FindingSeverity.Error, file, entry.Line, FindingCodes.Allowlist, entry.Subject,
                    $"the allowed {entry.Code} of '{entry.Subject}' needs a reason"));
                continue;
            }

            if (matched.Count == 0)
            {
                findings.Add(new(FindingSeverity.Warning, file, entry.Line, FindingCodes.Allowlist, entry.Subject,
                    $"nothing to allow: no {entry.Code} finding about '{entry.Subject}' (remove the entry)"));
            }

            findings.RemoveAll(matched.Contains);
            allowed.AddRange(matched.Select(m => (m, entry.Reason)));
        }

        return new(findings, allowed);
    }

    private static PolicyFinding Invalid(PolicyProblem problem) =>
        new(FindingSeverity.Error, problem.File, problem.Line, FindingCodes.Invalid, "", problem.Column > 0 ? $"{problem.Message} (column {problem.Column})" : problem.Message);
}
