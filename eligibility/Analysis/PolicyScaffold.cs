using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RefundBot.Eligibility.Analysis;

/// <summary>
/// <c>policy new &lt;id&gt; --from policy.txt</c>: a policy folder started from a business's text. The text is kept as
/// written, in its language, split into sections whose stable ids come from its headings; the other language gets
/// the same sections as placeholders; policy.yaml gets the header, the purchase date, a rule for each window the text
/// states in days or hours and a last rule that sends every other request to a person. Whatever a person has to write
/// is marked <see cref="Placeholder"/>, which <c>policy check</c> points at, line by line, until none is left.
/// Nothing is invented: no rule decides a refund until a person writes it.
/// </summary>
public static partial class PolicyScaffold
{
    public const string Placeholder = "TODO";

    private static readonly HashSet<string> StopWords =
        ["the", "of", "a", "an", "to", "for", "and", "or", "our", "your", "on", "in", "de", "la", "le", "les", "des", "du", "et", "en", "à", "au", "aux", "d", "l", "vos", "nos", "votre", "notre", "un", "une"];

    /// <summary>The files of the new folder, by name.</summary>
    public static IReadOnlyDictionary<string, string> Create(string id, string text, string language)
    {
        var other = language == "en" ? "fr" : "en";
        var (title, sections) = Split(text);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"policy.{language}.md"] = SourceText(title, sections, language),
            [$"policy.{other}.md"] = Translation(sections, other),
            ["policy.yaml"] = Rules(id, text, language, sections),
            ["reasons.yaml"] = Reasons,
            ["brand.yaml"] = Brand,
        };
    }

    /// <summary>A section of the text: its id, its heading as written, its level (2, or 3 under a numbered one) and its body.</summary>
    public sealed record Section(string Id, string Heading, int Level, string Body);

    /// <summary>The title (the first line) and the sections: a text before the first heading is the introduction.</summary>
    public static (string Title, IReadOnlyList<Section> Sections) Split(string text)
    {
        var lines = text.Replace("\r", "").Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        var title = first < 0 ? $"{Placeholder}: the policy's title" : lines[first].Trim().TrimStart('#').Trim();
        var sections = new List<Section>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        (string Heading, int Level) open = ("Introduction", 2);
        var body = new StringBuilder();
        var numbered = false;

        void Close()
        {
            if (body.ToString().Trim().Length > 0 || open.Heading != "Introduction")
            {
                sections.Add(new Section(UniqueId(open.Heading, ids), open.Heading, open.Level, body.ToString().Trim()));
            }

            body.Clear();
        }

        for (var i = first + 1; i < lines.Length && first >= 0; i++)
        {
            var line = lines[i].TrimEnd();
            var blankAround = (i == 0 || lines[i - 1].Trim().Length == 0) && (i + 1 >= lines.Length || lines[i + 1].Trim().Length == 0);
            if (line.Trim().Length > 0 && IsHeading(line.Trim(), blankAround, numbered, out var level))
            {
                Close();
                numbered |= level == 2;
                open = (line.Trim().TrimStart('#').Trim(), level);
            }
            else
            {
                body.AppendLine(Bullet().Replace(line, "- "));
            }
        }

        Close();
        return (title, sections);
    }

    /// <summary>
    /// A heading: a Markdown heading, a numbered line ("3. Non-Refundable Amounts"), or, under a numbered section, a short
    /// line alone between blank lines that ends with no punctuation and holds no colon ("Hardware equipment").
    /// </summary>
    private static bool IsHeading(string line, bool blankAround, bool underNumbered, out int level)
    {
        level = line.StartsWith("###", StringComparison.Ordinal) ? 3 : 2;
        if (line.StartsWith('#'))
        {
            return true;
        }

        var shortLine = line.Length <= 80 && !".,;:!?".Contains(line[^1]) && !line.Contains(':') && char.IsUpper(line[0]);
        if (Numbered().IsMatch(line) && line.Length <= 100 && !".,;:".Contains(line[^1]))
        {
            level = 2;
            return true;
        }

        level = 3;
        return underNumbered && blankAround && shortLine && !Bullet().IsMatch(line);
    }

    /// <summary>The heading's first meaningful words, lower case, without accents or numbering: "30-day-right-withdrawal".</summary>
    public static string IdOf(string heading)
    {
        var words = Words().Matches(Ascii(Numbered().Replace(heading, "")).ToLowerInvariant())
            .Select(m => m.Value)
            .Where(w => !StopWords.Contains(w))
            .Take(4)
            .ToList();
        return words.Count == 0 ? "section" : string.Join("-", words);
    }

    private static string UniqueId(string heading, HashSet<string> ids)
    {
        var id = heading == "Introduction" ? "intro" : IdOf(heading);
        var unique = id;
        for (var n = 2; !ids.Add(unique); n++)
        {
            unique = $"{id}-{n}";
        }

        return unique;
    }

    private static string Ascii(string text) =>
        new(text.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());

    private static string SourceText(string title, IReadOnlyList<Section> sections, string language)
    {
        var text = new StringBuilder($"# {title}\n\n> {(language == "fr" ? "Ceci est le texte qui fait foi de la politique." : "This is the authoritative text of the policy.")}\n");
        foreach (var section in sections)
        {
            text.Append($"\n{new string('#', section.Level)} [{section.Id}] {section.Heading}\n\n{section.Body}\n");
        }

        return text.ToString();
    }

    private static string Translation(IReadOnlyList<Section> sections, string language)
    {
        var text = new StringBuilder(language == "fr"
            ? $"# {Placeholder}: le titre traduit\n\n> Ceci est une traduction fidèle de l'original anglais, qui fait foi.\n"
            : $"# {Placeholder}: the translated title\n\n> This is a faithful translation of the French original, which is authoritative.\n");
        foreach (var section in sections)
        {
            text.Append($"\n{new string('#', section.Level)} [{section.Id}] {Placeholder}: {section.Heading}\n\n{Placeholder}: translate this section ({language}).\n");
        }

        return text.ToString();
    }

    private static string Rules(string id, string text, string language, IReadOnlyList<Section> sections)
    {
        var yaml = new StringBuilder($"""
            # yaml-language-server: $schema=../policy.schema.json
            # Scaffolded by `policy new` from the business's text. Complete every placeholder, then run `policy check` until it
            # finds nothing, and `policy test` with examples taken from the text, before the folder goes to policy-content/.
            id: {id}
            business: "{Placeholder}: the business's name"
            currency: {Currency(text)}
            timeZone: "{Placeholder}: an IANA zone such as Europe/Paris"
            sourceLanguage: {language}

            facts:
              - id: purchase_date
                type: date
                label: {"{"} en: Purchase date, fr: Date d'achat {"}"}
                question:
                  en: When did you make the purchase?
                  fr: Quand avez-vous effectué l'achat ?

            rules:

            """);
        foreach (var (section, days, unit) in Windows(sections))
        {
            yaml.Append($"""
                  # The text states {days} {unit} in section '{section}': check what happens outside it.
                  - id: outside-{days}-{unit}
                    section: {section}
                    when:
                      not: {"{"} within: {"{"} from: purchase_date, {(unit == "days" ? "calendarDays" : "hours")}: {days} {"}"} {"}"}
                    outcome: denied
                    explanation:
                      en: "{Placeholder}: why, in one or two sentences the customer reads"
                      fr: "{Placeholder}: pourquoi, en une ou deux phrases que le client lit"

                """);
        }

        yaml.Append($"""
              # Until rules are written for them, every other request goes to a person: nothing is decided without a rule.
              - id: case-by-case
                section: {sections.FirstOrDefault()?.Id ?? "intro"}
                outcome: human-review
                explanation:
                  en: "{Placeholder}: what the customer is told while a person looks at their request"
                  fr: "{Placeholder}: ce que le client lit pendant qu'une personne examine sa demande"

            """);
        return yaml.ToString();
    }

    /// <summary>The windows the text states ("30 calendar days", "within 72 hours"), once each, with their section.</summary>
    private static IEnumerable<(string Section, int Amount, string Unit)> Windows(IReadOnlyList<Section> sections) =>
        sections.SelectMany(s => Window().Matches(s.Heading + "\n" + s.Body).Select(m => (
                s.Id,
                int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture),
                m.Groups["unit"].Value.StartsWith('h') ? "hours" : "days")))
            .DistinctBy(w => (w.Item2, w.Item3));

    private static string Currency(string text) =>
        text.Contains('€') || text.Contains("EUR", StringComparison.Ordinal) ? "EUR"
        : text.Contains('£') ? "GBP"
        : text.Contains('$') ? "USD"
        : $"\"{Placeholder}: an ISO 4217 code such as EUR\"";

    private const string Reasons = """
        # Reason categories: a customer's free-text reason is matched to one by its keywords; "other" stays last.
        categories:
          - id: other
            title: { en: Another reason, fr: Une autre raison }
            keywords: {}

        """;

    private static readonly string Brand = $"""
        # The chat page's look for this business (checked when the bot starts).
        botName: "{Placeholder}: the bot's name"
        initials: "{Placeholder}"
        accent: "#1e5a8a"
        welcome:
          en: "{Placeholder}: the line above the conversation"
          fr: "{Placeholder}: la ligne au-dessus de la conversation"

        """;

    [GeneratedRegex(@"^\s*\d+(\.\d+)*\.?\s+(?=\S)")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^\s*[•·\-\*–]\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex Words();

    /// <summary>
    /// A window the text states: "30 calendar days", "a 30-day right", "within 72 hours", "7 days of/from/after",
    /// "30 jours calendaires", "dans les 14 jours", "délai de 7 jours", "sous 72 heures"; not business days, nor a
    /// duration in an example ("Usage duration: 10 days").
    /// </summary>
    [GeneratedRegex(@"(?:\b(?<n>\d+)[-\s](?:calendar\s)(?<unit>days?)|\b(?<n>\d+)-(?<unit>day|hour)\b|\bwithin\s(?:a\speriod\sof\s)?(?<n>\d+)\s(?<unit>days?|hours?)\b(?!\sof\sreceiv)|\b(?<n>\d+)\s(?<unit>days?|hours?)\s(?:of|from|after)\s(?:the\s)?(?:date|purchase|subscription|order|service)|\b(?<n>\d+)\s(?<unit>jours?)\scalendaires|(?:dans\sles|délai\sde|sous)\s(?<n>\d+)\s(?<unit>jours?|heures?)\b(?!\souvrés|\souvrables))", RegexOptions.IgnoreCase)]
    private static partial Regex Window();
}
