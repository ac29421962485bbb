using System.Text.RegularExpressions;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Analysis;

/// <summary>
/// The static analysis of <c>policy check</c>, beyond what the loader refuses: rules that can never decide, facts and
/// choices no rule looks at, facts the bot could never ask, citations and sections missing in a language, and windows that
/// contradict each other. Works on a policy as read, valid or not.
/// </summary>
public static partial class PolicyAnalyzer
{
    public static IReadOnlyList<PolicyFinding> Analyze(Policy policy, string folderName)
    {
        var findings = new List<PolicyFinding>();
        var rules = Path.Combine(folderName, PolicyLoader.RulesFile);
        Rules(policy, rules, findings);
        Windows(policy, rules, findings);
        Facts(policy, rules, findings);
        Choices(policy, rules, findings);
        Citations(policy, rules, findings);
        Sections(policy, folderName, findings);
        return findings;
    }

    /// <summary>A rule whose own condition can never hold, or whose every case an earlier rule decides.</summary>
    private static void Rules(Policy policy, string file, List<PolicyFinding> findings)
    {
        var space = ConditionSpace.Of(policy);
        for (var k = 0; k < policy.Rules.Count; k++)
        {
            var rule = policy.Rules[k];
            if (!space.Satisfiable(rule.When, []))
            {
                var windows = ConditionSpace.Leaves(rule.When).Where(l => l.Within is not null).ToList();
                findings.Add(windows.Count > 1
                    ? new(FindingSeverity.Error, file, rule.Line, FindingCodes.ContradictingWindows, rule.Id,
                        $"rule '{rule.Id}' can never apply: its windows contradict each other ({string.Join(", ", windows.Select(Describe))})")
                    : new(FindingSeverity.Error, file, rule.Line, FindingCodes.NeverApplies, rule.Id,
                        $"rule '{rule.Id}' can never apply: no set of facts makes its 'when' true"));
                continue;
            }

            var earlier = policy.Rules.Take(k).ToList();
            if (k == 0 || space.Satisfiable(rule.When, earlier.Select(r => r.When).ToList()))
            {
                continue;
            }

            var deciders = earlier
                .Where((r, j) => space.Satisfiable(ConditionSpace.Both(rule.When, r.When), earlier.Take(j).Select(e => e.When).ToList()))
                .Select(r => $"'{r.Id}'");
            var last = k == policy.Rules.Count - 1;
            findings.Add(new(last ? FindingSeverity.Warning : FindingSeverity.Error, file, rule.Line, FindingCodes.ShadowedRule, rule.Id,
                $"rule '{rule.Id}' can never decide: the rules before it ({string.Join(", ", deciders)}) decide every case it covers"
                + (last ? " (the default rule the loader requires: every request is already decided above it)" : "; remove it, or move it above them")));
        }
    }

    /// <summary>
    /// Windows that contradict each other: rules resting on one section that count different lengths from the same
    /// date, and a rule whose explanation names a length of time its own windows do not count.
    /// </summary>
    private static void Windows(Policy policy, string file, List<PolicyFinding> findings)
    {
        var windows = policy.Rules
            .SelectMany(r => ConditionSpace.Leaves(r.When).Where(l => l.Within is not null).Select(l => (Rule: r, Window: l.Within!)))
            .ToList();
        var byRule = windows.GroupBy(w => (w.Rule, w.Rule.Section, w.Window.From, Days: w.Window.CalendarDays is not null))
            .Select(g => (g.Key, Lengths: g.Select(w => Length(w.Window)).ToHashSet()))
            .ToList();
        foreach (var (key, lengths) in byRule)
        {
            // Two rules on one section, one date and one unit that share no length: the section cannot mean both.
            var earlier = byRule.TakeWhile(r => r.Key.Rule != key.Rule)
                .FirstOrDefault(r => r.Key with { Rule = key.Rule } == key && !r.Lengths.Overlaps(lengths));
            if (earlier.Key.Rule is { } other)
            {
                var unit = key.Days ? "calendar days" : "hours";
                findings.Add(new(FindingSeverity.Error, file, key.Rule.Line, FindingCodes.ContradictingWindows, key.Rule.Id,
                    $"rules resting on section '{key.Section}' count different windows from {key.From}: '{other.Id}' {string.Join(" and ", earlier.Lengths)} {unit}, "
                    + $"'{key.Rule.Id}' {string.Join(" and ", lengths)} {unit}"));
            }
        }

        foreach (var rule in policy.Rules)
        {
            var own = windows.Where(w => w.Rule == rule).Select(w => w.Window).ToList();
            var contradicted = new List<string>();
            foreach (var (language, text) in own.Count == 0 ? [] : rule.Explanation)
            {
                foreach (Match said in DurationWords().Matches(text))
                {
                    var days = said.Groups["unit"].Value.StartsWith('d') || said.Groups["unit"].Value.StartsWith('j');
                    var number = int.Parse(said.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    var counted = own.Where(w => (w.CalendarDays is not null) == days).Select(Length).ToList();
                    if (counted.Count > 0 && !counted.Contains(number))
                    {
                        contradicted.Add($"\"{said.Value}\" ({language})");
                    }
                }
            }

            if (contradicted.Count > 0)
            {
                findings.Add(new(FindingSeverity.Error, file, rule.Line, FindingCodes.ContradictingWindows, rule.Id,
                    $"rule '{rule.Id}' counts {string.Join(" and ", own.Select(Describe))}, but its explanation says {string.Join(", ", contradicted)}"));
            }
        }
    }

    /// <summary>Facts no rule uses, and facts a rule uses that the bot could never ask for.</summary>
    private static void Facts(Policy policy, string file, List<PolicyFinding> findings)
    {
        var uses = Uses(policy).ToList();
        foreach (var fact in policy.Facts.Where(f => uses.All(u => u.Fact != f.Id)))
        {
            findings.Add(new(FindingSeverity.Warning, file, fact.Line, FindingCodes.UnusedFact, fact.Id,
                $"fact '{fact.Id}' is declared but no rule, amount or timeline uses it (remove it, or use it)"));
        }

        foreach (var use in uses.GroupBy(u => u.Fact).Select(g => g.First()))
        {
            var fact = policy.Fact(use.Fact);
            var unasked = fact is null
                ? "which is not declared under facts"
                : PolicyLoader.Languages.Where(l => string.IsNullOrWhiteSpace(fact.Question.GetValueOrDefault(l))).ToList() is { Count: > 0 } missing
                    ? $"which has no question in {string.Join(" or ", missing)}"
                    : null;
            if (unasked is not null)
            {
                findings.Add(new(FindingSeverity.Error, file, use.At.Line, FindingCodes.UnaskedFact, use.Fact,
                    $"{use.Where} uses fact '{use.Fact}', {unasked}: the bot could never ask for it"));
            }
        }
    }

    /// <summary>
    /// Choices no condition names. One such choice is the fact's "anything else", decided by the rules that follow, as
    /// an <c>else</c> (masecurite's after_window_reason "none"); two or more are all decided alike, which the business
    /// may not mean. Not reported where a negated test selects every choice it does not name, nor for the term of a
    /// pro-rating (each choice has its number of days).
    /// </summary>
    private static void Choices(Policy policy, string file, List<PolicyFinding> findings)
    {
        var leaves = AllConditions(policy).SelectMany(c => Tests(c, negated: false)).ToList();
        var terms = policy.Rules.Select(r => r.Refund?.WithheldForUse?.TermFrom).OfType<string>().ToHashSet();
        foreach (var fact in policy.Facts.Where(f => f.Type == FactType.Choice && !terms.Contains(f.Id)))
        {
            var tests = leaves.Where(l => l.Leaf.Fact == fact.Id).ToList();
            if (tests.Count == 0 || tests.Any(t => t.Negated))
            {
                continue;
            }

            var named = tests.SelectMany(t => t.Leaf.In ?? (t.Leaf.Is is { } single ? [single] : [])).ToHashSet();
            var unnamed = fact.Choices.Where(c => !named.Contains(c.Id)).ToList();
            if (unnamed.Count > 1)
            {
                findings.Add(new(FindingSeverity.Warning, file, unnamed[0].Line, FindingCodes.UnusedChoice, fact.Id,
                    $"choices {string.Join(", ", unnamed.Select(c => $"'{c.Id}'"))} of fact '{fact.Id}' are named by no rule, so they are all decided alike "
                    + "by the rules that follow (name the ones that should differ, or merge them)"));
            }
        }
    }

    /// <summary>Every section cited (rules, amounts, timelines) exists in both texts.</summary>
    private static void Citations(Policy policy, string file, List<PolicyFinding> findings)
    {
        foreach (var (section, at, what) in Cited(policy))
        {
            foreach (var text in policy.Texts.Values.Where(t => t.Section(section) is null))
            {
                findings.Add(new(FindingSeverity.Error, file, at.Line, FindingCodes.MissingSection, section,
                    $"{what} cites section '{section}', which policy.{text.Language}.md does not have"));
            }
        }
    }

    /// <summary>A section of one text that the other text lacks.</summary>
    private static void Sections(Policy policy, string folderName, List<PolicyFinding> findings)
    {
        foreach (var text in policy.Texts.Values)
        {
            foreach (var other in policy.Texts.Values.Where(o => o != text))
            {
                foreach (var section in text.Sections.Where(s => other.Section(s.Id) is null))
                {
                    findings.Add(new(FindingSeverity.Error, Path.Combine(folderName, $"policy.{text.Language}.md"), section.Line,
                        FindingCodes.SectionInOneLanguage, section.Id,
                        $"section '{section.Id}' is in policy.{text.Language}.md but not in policy.{other.Language}.md: translate it there, with the same id"));
                }
            }
        }
    }

    private static IEnumerable<(string Section, Located At, string What)> Cited(Policy policy)
    {
        foreach (var rule in policy.Rules)
        {
            yield return (rule.Section, rule, $"rule '{rule.Id}'");
            foreach (var also in rule.AlsoCites)
            {
                yield return (also, rule, $"rule '{rule.Id}' alsoCites");
            }

            foreach (var part in rule.Refund is { } f ? f.FeesKept.Concat(f.Deductions) : [])
            {
                yield return (part.Section, part, $"amount '{part.Fact}' of rule '{rule.Id}'");
            }

            if (rule.Refund?.WithheldForUse is { } use)
            {
                yield return (use.Section, use, $"withheldForUse of rule '{rule.Id}'");
            }

            foreach (var entry in rule.Timeline)
            {
                yield return (entry.Section, entry, $"a timeline of rule '{rule.Id}'");
            }
        }
    }

    /// <summary>Every place a fact is used, with where.</summary>
    private static IEnumerable<(string Fact, Located At, string Where)> Uses(Policy policy)
    {
        foreach (var rule in policy.Rules)
        {
            var where = $"rule '{rule.Id}'";
            foreach (var condition in Conditions(rule))
            {
                foreach (var leaf in ConditionSpace.Leaves(condition))
                {
                    if (leaf.Within is { } window)
                    {
                        yield return (window.From, window, where);
                        if (window.AtTime is { } time)
                        {
                            yield return (time, window, where);
                        }
                    }
                    else
                    {
                        yield return (leaf.Fact!, leaf, where);
                    }
                }
            }

            if (rule.Refund is not { } formula)
            {
                continue;
            }

            foreach (var paid in formula.Paid)
            {
                yield return (paid, formula, where);
            }

            foreach (var part in formula.FeesKept.Concat(formula.Deductions))
            {
                yield return (part.Fact, part, where);
            }

            if (formula.WithheldForUse is { } use)
            {
                foreach (var fact in new[] { use.Of, use.UsedDays, use.TermFrom, use.UsedPercent }.OfType<string>())
                {
                    yield return (fact, use, where);
                }
            }
        }
    }

    private static IEnumerable<Condition?> Conditions(Rule rule) =>
        new[] { rule.When }
            .Concat(rule.Timeline.Select(t => t.When))
            .Concat(rule.Refund is { } f ? f.FeesKept.Concat(f.Deductions).Select(p => p.When) : []);

    private static IEnumerable<Condition?> AllConditions(Policy policy) => policy.Rules.SelectMany(Conditions);

    private static IEnumerable<(Condition Leaf, bool Negated)> Tests(Condition? condition, bool negated) => condition switch
    {
        null => [],
        { All: { } all } => all.SelectMany(c => Tests(c, negated)),
        { Any: { } any } => any.SelectMany(c => Tests(c, negated)),
        { Not: { } not } => Tests(not, !negated),
        { Fact: not null } => [(condition, negated)],
        _ => [],
    };

    private static int Length(Window window) => window.CalendarDays ?? window.Hours ?? 0;

    private static string Describe(Condition leaf) => Describe(leaf.Within!);

    private static string Describe(Window window) =>
        window.CalendarDays is { } days ? $"{days} calendar days from {window.From}" : $"{window.Hours} hours from {window.From}";

    /// <summary>"30-day", "30 days", "30 calendar days", "72 hours", "30 jours", "72 heures"; not business days.</summary>
    [GeneratedRegex(@"\b(?<n>\d+)(?:[-\s\u00A0\u202F](?:calendar\s)?)(?<unit>days?|hours?|jours?|heures?)\b(?!\s(?:ouvrés|ouvrables))", RegexOptions.IgnoreCase)]
    private static partial Regex DurationWords();
}
