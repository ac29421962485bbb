using System.Globalization;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Loading;

/// <summary>
/// Checks what YAML alone cannot: references between facts, rules and sections, value types in conditions, both
/// languages everywhere, and a last rule that always applies (so every set of facts gets a decision).
/// </summary>
internal sealed partial class PolicyValidator
{
    public static readonly IReadOnlySet<string> KnownAlternatives =
        new HashSet<string> { "credit", "exchange", "extension", "replacement", "cancellation-at-period-end" };

    private readonly Policy _policy;
    private readonly string _file;
    private readonly List<PolicyProblem> _problems;

    private PolicyValidator(Policy policy, string file, List<PolicyProblem> problems) =>
        (_policy, _file, _problems) = (policy, file, problems);

    public static void Validate(Policy policy, string folderName, string file, List<PolicyProblem> problems)
    {
        var validator = new PolicyValidator(policy, file, problems);
        validator.Header(folderName);
        validator.Texts();
        validator.Facts();
        validator.Verify();
        validator.Rules();
    }

    /// <summary>
    /// Reasons: unique ids, titles in both languages, an "other" category last, and (where the policy has a
    /// reason_category fact) only ids that are choices of it, so that a matched reason can fill the fact.
    /// </summary>
    public static void ValidateReasons(IReadOnlyList<ReasonCategory> categories, Policy policy, string file, List<PolicyProblem> problems)
    {
        var validator = new PolicyValidator(policy, file, problems);
        foreach (var duplicate in categories.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            validator.Problem(duplicate.Last(), $"reason category '{duplicate.Key}' is declared twice");
        }

        var fact = policy.Fact("reason_category");
        foreach (var category in categories)
        {
            validator.BothLanguages(category.Title, category, $"reason category '{category.Id}' title");
            validator.Check(fact is null || fact.Choices.Any(c => c.Id == category.Id), category,
                $"reason category '{category.Id}' is not a choice of the policy's reason_category fact");
        }

        validator.Check(categories.Count > 0 && categories[^1].Id == ReasonCategory.Other, (Located?)categories.LastOrDefault() ?? policy,
            "the last reason category must be 'other'");
    }

    /// <summary>Guides: unique ids, at least one step each, texts in both languages, exactly one default guide.</summary>
    public static void ValidateGuides(IReadOnlyList<TroubleshootingGuide> guides, string file, List<PolicyProblem> problems)
    {
        var validator = new PolicyValidator(new Policy(), file, problems);
        foreach (var duplicate in guides.GroupBy(g => g.Id).Where(g => g.Count() > 1))
        {
            validator.Problem(duplicate.Last(), $"guide '{duplicate.Key}' is declared twice");
        }

        foreach (var guide in guides)
        {
            validator.BothLanguages(guide.Title, guide, $"guide '{guide.Id}' title");
            validator.Check(guide.Steps.Count > 0, guide, $"guide '{guide.Id}' needs at least one step");
            foreach (var step in guide.Steps)
            {
                validator.BothLanguages(step.Text, step, $"step '{step.Id}' of guide '{guide.Id}'");
            }
        }

        if (guides.Count > 0)
        {
            validator.Check(guides.Count(g => g.Default) == 1, guides[0], "exactly one guide must be the default (default: true)");
        }
    }

    /// <summary>Every section id of questions.yaml is a section of the policy text, in English and French only.</summary>
    public static void ValidateQuestions(SectionQuestions questions, Policy policy, string file, List<PolicyProblem> problems)
    {
        var validator = new PolicyValidator(policy, file, problems);
        foreach (var (sectionId, byLanguage) in questions.Sections)
        {
            validator.Check(policy.Texts.Values.Any(t => t.Section(sectionId) is not null), questions,
                $"questions for section '{sectionId}', which no policy text has");
            foreach (var language in byLanguage.Keys)
            {
                validator.Check(PolicyLoader.Languages.Contains(language), questions,
                    $"questions for section '{sectionId}' in '{language}' (the languages are {string.Join(", ", PolicyLoader.Languages)})");
            }
        }
    }

    /// <summary>Desk replies: only outcomes an agent may record, each once, with its text in both languages.</summary>
    public static void ValidateDeskReplies(IReadOnlyList<DeskReply> replies, string file, List<PolicyProblem> problems)
    {
        var validator = new PolicyValidator(new Policy(), file, problems);
        foreach (var duplicate in replies.GroupBy(r => r.Outcome).Where(g => g.Count() > 1))
        {
            validator.Problem(duplicate.Last(), $"the desk reply for '{duplicate.Key}' is declared twice");
        }

        foreach (var reply in replies)
        {
            validator.Check(DeskReply.Outcomes.Contains(reply.Outcome), reply,
                $"unknown outcome '{reply.Outcome}' (one of {string.Join(", ", DeskReply.Outcomes)})");
            validator.BothLanguages(reply.Text, reply, $"the desk reply for '{reply.Outcome}'");
        }
    }

    /// <summary>Desk settings: a target wait between one minute and a day.</summary>
    public static void ValidateDesk(DeskSettings desk, string file, List<PolicyProblem> problems) =>
        new PolicyValidator(new Policy(), file, problems).Check(desk.TargetWaitMinutes is >= 1 and <= DeskSettings.LargestTargetWaitMinutes, desk,
            $"targetWaitMinutes must be between 1 and {DeskSettings.LargestTargetWaitMinutes} (a day)");

    /// <summary>Canned replies: each with an id (used once), a title and a text in both languages.</summary>
    public static void ValidateCannedReplies(CannedReplies canned, string file, List<PolicyProblem> problems)
    {
        var validator = new PolicyValidator(new Policy(), file, problems);
        validator.Check(canned.Replies.Count > 0, canned, "replies: list at least one canned reply (or remove the file)");
        foreach (var duplicate in canned.Replies.GroupBy(r => r.Id).Where(g => g.Count() > 1))
        {
            validator.Problem(duplicate.Last(), $"the canned reply '{duplicate.Key}' is declared twice");
        }

        foreach (var reply in canned.Replies)
        {
            validator.Check(IdPattern().IsMatch(reply.Id), reply, $"canned reply id '{reply.Id}' must be lower-case words joined by '-'");
            validator.BothLanguages(reply.Title, reply, $"the canned reply '{reply.Id}' title");
            validator.BothLanguages(reply.Text, reply, $"the canned reply '{reply.Id}'");
            validator.Check(reply.Text.Values.All(t => t.Length <= 2000), reply, $"the canned reply '{reply.Id}' is longer than a desk message (2000 characters)");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();

    private void Problem(Located? at, string message) => _problems.Add(new PolicyProblem(_file, at?.Line ?? 1, message));

    private void Header(string folderName)
    {
        Check(_policy.Id == folderName, _policy, $"id '{_policy.Id}' must be the folder's name '{folderName}'");
        Check(_policy.Business.Length > 0, _policy, "business (the business's name) is required");
        Check(_policy.Currency.Length == 3 && _policy.Currency.All(char.IsAsciiLetterUpper), _policy, $"currency '{_policy.Currency}' must be an ISO 4217 code such as EUR");
        Check(_policy.MinorUnits is >= 0 and <= 4, _policy, "minorUnits must be between 0 and 4");
        Check(_policy.MaxAmount > 0 && _policy.MaxAmount <= Policy.LargestMaxAmount, _policy,
            $"maxAmount must be above 0 and at most {Policy.LargestMaxAmount:0}");
        Check(TimeZoneInfo.TryFindSystemTimeZoneById(_policy.TimeZone, out _), _policy, $"timeZone '{_policy.TimeZone}' is not a known IANA time zone");
        Check(PolicyLoader.Languages.Contains(_policy.SourceLanguage), _policy, $"sourceLanguage '{_policy.SourceLanguage}' must be en or fr");
        Holidays();
    }

    private void Holidays()
    {
        var holidays = _policy.PublicHolidays;
        if (holidays is null || holidays.Fixed is null || holidays.Easter is null)
        {
            Problem(_policy, "publicHolidays needs lists: fixed: [\"12-25\", ...] and easter: [1, ...] (either may be empty)");
            return;
        }

        foreach (var day in holidays.Fixed)
        {
            Check(DateOnly.TryParseExact("2024-" + day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), _policy,
                $"publicHolidays.fixed '{day}' must be a month and day such as 12-25");
        }

        foreach (var offset in holidays.Easter)
        {
            Check(offset is >= -60 and <= 70, _policy, $"publicHolidays.easter {offset} must be days from Easter Sunday, between -60 and 70");
        }
    }

    private void Texts()
    {
        if (_policy.Texts.Count != PolicyLoader.Languages.Count)
        {
            return;
        }

        var ids = _policy.Texts.Values.Select(t => string.Join(",", t.Sections.Select(s => s.Id))).Distinct().Count();
        Check(ids == 1, _policy, "policy.en.md and policy.fr.md must have the same section ids in the same order");
    }

    private void Facts()
    {
        foreach (var duplicate in _policy.Facts.GroupBy(f => f.Id).Where(g => g.Count() > 1))
        {
            Problem(duplicate.Last(), $"fact '{duplicate.Key}' is declared twice");
        }

        foreach (var fact in _policy.Facts)
        {
            Check(fact.Id.Length > 0, fact, "a fact needs an id");
            BothLanguages(fact.Question, fact, $"fact '{fact.Id}' question");
            Check(fact.Type == FactType.Choice ? fact.Choices.Count >= 2 : fact.Choices.Count == 0, fact,
                fact.Type == FactType.Choice ? $"choice fact '{fact.Id}' needs at least two choices" : $"only choice facts have choices ('{fact.Id}')");
            foreach (var choice in fact.Choices)
            {
                BothLanguages(choice.Label, choice, $"choice '{choice.Id}' label");
            }

            ChoiceSynonyms(fact);
            Statements(fact);
            Check(fact.Unit is null || fact.Type is FactType.Number or FactType.Integer, fact,
                $"only number and integer facts have a unit ('{fact.Id}')");
            Check(fact.Type == FactType.Document ? fact.Document is { } kind && DocumentKinds.All.Contains(kind) : fact.Document is null, fact,
                fact.Type == FactType.Document
                    ? $"document fact '{fact.Id}' needs document: {string.Join(" or ", DocumentKinds.All)}"
                    : $"only document facts have a document ('{fact.Id}')");
            Check(fact.Type != FactType.Money || fact.Max is null || fact.Max <= _policy.MaxAmount, fact,
                $"money fact '{fact.Id}' has a max above the policy's maxAmount {_policy.MaxAmount:0.##}");
            Check(fact.Type == FactType.Money || fact.Max is null || Math.Abs(fact.Max.Value) <= Engine.FactReader.NumberLimit, fact,
                $"fact '{fact.Id}' has a max beyond {Engine.FactReader.NumberLimit:0}");
            Check(fact.Type == FactType.Money || fact.Min is null || Math.Abs(fact.Min.Value) <= Engine.FactReader.NumberLimit, fact,
                $"fact '{fact.Id}' has a min beyond {Engine.FactReader.NumberLimit:0}");
        }
    }

    /// <summary>The facts to verify are the policy's own, each named once: a misspelt id would silently verify nothing.</summary>
    private void Verify()
    {
        foreach (var reference in _policy.Verify ?? [])
        {
            Check(_policy.Fact(reference.Id) is not null, reference, $"verify names unknown fact '{reference.Id}'");
        }

        foreach (var duplicate in (_policy.Verify ?? []).GroupBy(f => f.Id).Where(g => g.Count() > 1))
        {
            Problem(duplicate.Last(), $"verify names fact '{duplicate.Key}' twice");
        }
    }

    private void Rules()
    {
        Check(_policy.Rules.Count > 0, _policy, "a policy needs at least one rule");
        foreach (var duplicate in _policy.Rules.GroupBy(r => r.Id).Where(g => g.Count() > 1))
        {
            Problem(duplicate.Last(), $"rule '{duplicate.Key}' is declared twice");
        }

        foreach (var rule in _policy.Rules)
        {
            Rule(rule);
        }

        if (_policy.Rules.Count > 0)
        {
            Check(_policy.Rules[^1].When is null, _policy.Rules[^1], "the last rule must have no 'when', so that every request gets a decision");
        }
    }

    private void Rule(Rule rule)
    {
        Section(rule.Section, rule, $"rule '{rule.Id}'");
        rule.AlsoCites.ForEach(s => Section(s, rule, $"rule '{rule.Id}' alsoCites"));
        BothLanguages(rule.Explanation, rule, $"rule '{rule.Id}' explanation");
        Condition(rule.When);
        Check((rule.Outcome == RuleOutcome.Refund) == (rule.Refund is not null), rule,
            rule.Outcome == RuleOutcome.Refund ? $"rule '{rule.Id}' decides a refund but has no 'refund' formula" : $"rule '{rule.Id}' has a 'refund' formula but its outcome is {rule.Outcome}");
        foreach (var alternative in rule.Alternatives)
        {
            Check(KnownAlternatives.Contains(alternative), rule, $"unknown alternative '{alternative}' (known: {string.Join(", ", KnownAlternatives)})");
        }

        if (rule.Refund is { } formula)
        {
            Refund(formula);
        }

        foreach (var entry in rule.Timeline)
        {
            Condition(entry.When);
            Section(entry.Section, entry, "timeline");
            BothLanguages(entry.Text, entry, "timeline text");
        }
    }

    private void Refund(RefundFormula formula)
    {
        Check(formula.Paid.Count > 0, formula, "a refund formula needs 'paid' (the money facts the customer paid)");
        formula.Paid.ForEach(f => FactOfType(f, formula, FactType.Money));
        foreach (var part in formula.FeesKept.Concat(formula.Deductions))
        {
            FactOfType(part.Fact, part, FactType.Money);
            Section(part.Section, part, $"amount '{part.Fact}'");
            Condition(part.When);
        }

        if (formula.WithheldForUse is not { } use)
        {
            return;
        }

        FactOfType(use.Of, use, FactType.Money);
        Section(use.Section, use, "withheldForUse");
        if (use.UsedPercent is { } percent)
        {
            FactOfType(percent, use, FactType.Number, FactType.Integer);
            return;
        }

        Check(use.UsedDays is not null && use.TermFrom is not null, use, "withheldForUse needs usedPercent, or usedDays with termFrom and termDays");
        if (use.UsedDays is not null)
        {
            FactOfType(use.UsedDays, use, FactType.Integer, FactType.Number);
        }

        if (use.TermFrom is not null && FactOfType(use.TermFrom, use, FactType.Choice) is { } term)
        {
            foreach (var choice in term.Choices.Where(c => !use.TermDays.ContainsKey(c.Id) || use.TermDays[c.Id] <= 0))
            {
                Problem(use, $"termDays needs a positive number of days for '{choice.Id}'");
            }
        }
    }

    private void Condition(Condition? condition)
    {
        if (condition is null)
        {
            return;
        }

        var forms = new object?[] { condition.All, condition.Any, condition.Not, condition.Within, condition.Fact }.Count(f => f is not null);
        if (forms != 1)
        {
            Problem(condition, "a condition needs exactly one of: all, any, not, within, fact");
            return;
        }

        condition.All?.ForEach(Condition);
        condition.Any?.ForEach(Condition);
        Condition(condition.Not);
        if (condition.Within is { } window)
        {
            Window(window);
        }

        if (condition.Fact is { } factId)
        {
            Comparison(condition, factId);
        }
    }

    private void Window(Window window)
    {
        FactOfType(window.From, window, FactType.Date);
        Check(window.CalendarDays is > 0 ^ window.Hours is > 0, window, "a window needs a positive calendarDays or hours (one of them)");
        if (window.AtTime is { } time)
        {
            FactOfType(time, window, FactType.Time);
        }
    }

    private void Comparison(Condition condition, string factId)
    {
        var fact = _policy.Fact(factId);
        if (fact is null)
        {
            Problem(condition, $"unknown fact '{factId}'");
            return;
        }

        var tests = new object?[] { condition.Is, condition.In, condition.AtLeast, condition.AtMost, condition.GreaterThan, condition.LessThan }.Count(t => t is not null);
        Check(tests == 1, condition, $"a condition on '{factId}' needs exactly one of: is, in, atLeast, atMost, greaterThan, lessThan");
        foreach (var value in condition.In ?? (condition.Is is { } single ? [single] : []))
        {
            Check(IsValidValue(fact, value), condition, $"'{value}' is not a possible value of {fact.Type.ToString().ToLowerInvariant()} fact '{factId}'");
        }

        var numeric = fact.Type is FactType.Money or FactType.Number or FactType.Integer;
        Check(numeric || (condition.AtLeast ?? condition.AtMost ?? condition.GreaterThan ?? condition.LessThan) is null, condition,
            $"only numeric facts can be compared with a number ('{factId}' is {fact.Type.ToString().ToLowerInvariant()})");
    }

    private static bool IsValidValue(FactDefinition fact, string value) => fact.Type switch
    {
        FactType.Boolean => value is "true" or "false",
        FactType.Choice => fact.Choices.Any(c => c.Id == value),
        FactType.Document => DocumentEvidence.StatusNames.Contains(value),
        _ => Engine.FactReader.Read(fact, value, out _) is not null,
    };

    private FactDefinition? FactOfType(string factId, Located at, params FactType[] types)
    {
        var fact = _policy.Fact(factId);
        if (fact is null)
        {
            Problem(at, $"unknown fact '{factId}'");
        }
        else if (!types.Contains(fact.Type))
        {
            Problem(at, $"fact '{factId}' must be of type {string.Join(" or ", types.Select(t => t.ToString().ToLowerInvariant()))}");
        }

        return fact;
    }

    private void Section(string id, Located at, string what)
    {
        foreach (var text in _policy.Texts.Values.Where(t => t.Section(id) is null))
        {
            Problem(at, $"{what} cites section '{id}', which policy.{text.Language}.md does not have");
        }
    }

    /// <summary>
    /// A choice's synonyms are in a known language, never blank, never a plain yes/no word nor a bare negation, and no word selects two choices of one fact: the
    /// bot would have to guess between them (it asks again instead, so the policy would never be answered in words).
    /// </summary>
    private void ChoiceSynonyms(FactDefinition fact)
    {
        foreach (var choice in fact.Choices)
        {
            foreach (var (language, words) in choice.Synonyms)
            {
                Check(PolicyLoader.Languages.Contains(language), choice, $"choice '{choice.Id}' synonyms have an unknown language key '{language}'");
                Check(words.All(w => !string.IsNullOrWhiteSpace(w)), choice, $"choice '{choice.Id}' has a blank synonym");
                foreach (var word in words.Where(PlainAnswerWords.IsYesOrNo))
                {
                    Problem(choice, $"choice '{choice.Id}' synonym '{word}' ({language}) is a plain yes or no: give the choice a polarity instead");
                }

                foreach (var word in words.Where(PlainAnswerWords.IsNegation))
                {
                    Problem(choice, $"choice '{choice.Id}' synonym '{word}' ({language}) is only a negation, which negates other words "
                        + "(\"they never fixed it\"): write the phrase it stands for (\"never tried\")");
                }
            }
        }

        var owners = fact.Choices
            .SelectMany(c => c.Synonyms.SelectMany(p => p.Value.Select(w => (Language: p.Key, Word: w)))
                .Concat(c.Label.Select(l => (Language: l.Key, Word: l.Value)))
                .Select(s => (s.Language, Word: s.Word.Trim().ToLowerInvariant(), Choice: c)))
            .GroupBy(s => (s.Language, s.Word));
        foreach (var shared in owners.Where(g => g.Select(s => s.Choice.Id).Distinct().Count() > 1))
        {
            Problem(shared.Last().Choice, $"'{shared.Key.Word}' ({shared.Key.Language}) selects more than one choice of fact '{fact.Id}': "
                + string.Join(", ", shared.Select(s => s.Choice.Id).Distinct()));
        }
    }

    /// <summary>The words that state a boolean fact (<see cref="FactDefinition.SaidTrue"/>, <see cref="FactDefinition.SaidFalse"/>): boolean facts only, in a known language, never blank nor a plain yes/no.</summary>
    private void Statements(FactDefinition fact)
    {
        foreach (var (side, said) in new[] { ("saidTrue", fact.SaidTrue), ("saidFalse", fact.SaidFalse) })
        {
            Check(said.Count == 0 || fact.Type == FactType.Boolean, fact, $"only boolean facts have {side} ('{fact.Id}')");
            foreach (var (language, words) in said)
            {
                Check(PolicyLoader.Languages.Contains(language), fact, $"fact '{fact.Id}' {side} has an unknown language key '{language}'");
                Check(words.All(w => !string.IsNullOrWhiteSpace(w) && !PlainAnswerWords.IsYesOrNo(w) && !PlainAnswerWords.IsNegation(w)), fact,
                    $"fact '{fact.Id}' {side} has a blank word, a plain yes or no, or a bare negation");
            }
        }
    }

    private void BothLanguages(LocalizedText text, Located at, string what)
    {
        foreach (var key in text.Keys.Where(k => !PolicyLoader.Languages.Contains(k)))
        {
            Problem(at, $"{what} has an unknown language key '{key}' (quote a text that contains a comma inside {{ en: ..., fr: ... }})");
        }

        foreach (var language in PolicyLoader.Languages.Where(l => !text.TryGetValue(l, out var t) || string.IsNullOrWhiteSpace(t)))
        {
            Problem(at, $"{what} has no '{language}' text");
        }
    }

    private void Check(bool ok, Located at, string message)
    {
        if (!ok)
        {
            Problem(at, message);
        }
    }
}
