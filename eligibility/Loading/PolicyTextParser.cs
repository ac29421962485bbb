using System.Text;
using System.Text.RegularExpressions;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Loading;

/// <summary>
/// Reads <c>policy.{lang}.md</c>: a <c># Title</c>, a <c>&gt; note</c> (authoritative or translation), then sections
/// whose headings carry a stable id: <c>## [withdrawal] 1. 30-Day Right of Withdrawal</c> (levels 2 and 3).
/// </summary>
public static partial class PolicyTextParser
{
    public static PolicyText Parse(string file, string language, string markdown, List<PolicyProblem> problems)
    {
        string? title = null;
        var note = new StringBuilder();
        var sections = new List<PolicySection>();
        (string Id, string Heading, int Level, int Line)? open = null;
        var body = new StringBuilder();
        var lineNumber = 0;

        void Close()
        {
            if (open is { } s)
            {
                sections.Add(new PolicySection(s.Id, s.Heading, s.Level, body.ToString().Trim(), s.Line));
            }

            body.Clear();
        }

        foreach (var raw in markdown.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (title is null && line.StartsWith("# ", StringComparison.Ordinal))
            {
                title = line[2..].Trim();
            }
            else if (Heading().Match(line) is { Success: true } heading)
            {
                Close();
                var id = heading.Groups["id"].Value;
                if (id.Length == 0)
                {
                    problems.Add(new PolicyProblem(file, lineNumber, "a section heading needs a stable id: '## [section-id] Heading'"));
                }
                else if (sections.Any(s => s.Id == id))
                {
                    problems.Add(new PolicyProblem(file, lineNumber, $"section id '{id}' is used twice"));
                }

                open = (id, heading.Groups["heading"].Value.Trim(), heading.Groups["level"].Length, lineNumber);
            }
            else if (open is null && line.StartsWith('>'))
            {
                note.Append(line.TrimStart('>').Trim()).Append(' ');
            }
            else if (open is null && line.Trim().Length > 0)
            {
                problems.Add(new PolicyProblem(file, lineNumber, "text before the first section heading"));
            }
            else
            {
                body.AppendLine(line);
            }
        }

        Close();
        if (title is null)
        {
            problems.Add(new PolicyProblem(file, 1, "the text needs a '# Title' line"));
        }

        if (sections.Count == 0)
        {
            problems.Add(new PolicyProblem(file, lineNumber, "the text has no sections"));
        }

        return new PolicyText { Language = language, Title = title ?? "", Note = note.ToString().Trim(), Sections = sections };
    }

    [GeneratedRegex(@"^(?<level>#{2,3})\s+(?:\[(?<id>[a-z0-9-]*)\])?\s*(?<heading>.*)$")]
    private static partial Regex Heading();
}
