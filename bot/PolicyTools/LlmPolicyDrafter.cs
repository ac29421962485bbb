using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using RefundBot.Eligibility.Analysis;
using RefundBot.Eligibility.Loading;
using YamlDotNet.Core;

namespace RefundBot.Bot.PolicyTools;

/// <summary>
/// <c>policy new</c> with the optional LLM (<c>Llm:Endpoint</c>): it may draft the other language's text and the rules
/// into the scaffold. What it drafts is taken only when it keeps the scaffold's shape (the same sections, in the same
/// order; a policy.yaml that parses, for the same policy), and is marked at its top as a draft for a person to review
/// (a <see cref="PolicyScaffold.Placeholder"/> line, which <c>policy check</c> reports as an error until a person
/// removes it): it is never published without check, test and a person. Anything else keeps the scaffold's placeholders.
/// </summary>
internal sealed partial class LlmPolicyDrafter(IChatClient chat, TimeSpan timeout)
{
    public const string RulesMark = $"# {PolicyScaffold.Placeholder}: drafted by an LLM from the text. A person checks every fact and rule against the text, then deletes this line.";
    public const string TranslationMark = $"> {PolicyScaffold.Placeholder}: translated by an LLM. A person checks it against the original, then deletes this line.";

    /// <summary>The scaffold with what the LLM drafted and what it did, line by line, for the person running the command.</summary>
    public async Task<(Dictionary<string, string> Files, List<string> Notes)> DraftAsync(
        string id, IReadOnlyDictionary<string, string> scaffold, string language, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, string>(scaffold, StringComparer.Ordinal);
        var notes = new List<string>();
        var other = language == "en" ? "fr" : "en";
        var source = scaffold[$"policy.{language}.md"];

        var translation = await AskAsync($"""
            Translate this refund policy from {Name(language)} into {Name(other)}. Keep every heading's [id] exactly as written,
            the same headings in the same order, and the Markdown. Translate faithfully; add nothing. Reply with the translated
            Markdown only.

            {source}
            """, cancellationToken);
        if (translation is not null && SectionIds(translation).SequenceEqual(SectionIds(source)) && SectionIds(source).Any())
        {
            files[$"policy.{other}.md"] = Marked(translation, TranslationMark);
            notes.Add($"policy.{other}.md: translated by the LLM, marked {PolicyScaffold.Placeholder} for a person to review");
        }
        else
        {
            notes.Add($"policy.{other}.md: the LLM's translation was not used ({(translation is null ? "no answer" : "its sections differ from the text's")}): placeholders to translate");
        }

        var rules = await AskAsync($"""
            Here is a refund policy and the skeleton of its rules for a deterministic engine (YAML). Complete the skeleton:
            the facts the text needs, and one rule per case the text states, in the order they must be tried, each citing the
            section id it rests on, with its explanation in English and French. Keep the id, the schema and the last rule that
            sends every other request to a person. Reply with the YAML only.

            {source}

            {scaffold["policy.yaml"]}
            """, cancellationToken);
        if (rules is not null && ParsesAs(id, rules))
        {
            files["policy.yaml"] = RulesMark + "\n" + rules.TrimEnd() + "\n";
            notes.Add($"policy.yaml: rules drafted by the LLM, marked {PolicyScaffold.Placeholder} for a person to review");
        }
        else
        {
            notes.Add($"policy.yaml: the LLM's rules were not used ({(rules is null ? "no answer" : "not a policy.yaml for " + id)}): the scaffold's rules to complete");
        }

        return (files, notes);
    }

    private async Task<string?> AskAsync(string prompt, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { Temperature = 0 }, deadline.Token);
            return Unfenced(response.Text);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.ClientModel.ClientResultException)
        {
            return null;
        }
    }

    private static bool ParsesAs(string id, string yaml)
    {
        try
        {
            var problems = new List<PolicyProblem>();
            return PolicyLoader.Read(PolicyFolder.FromFiles(id, new Dictionary<string, string> { [PolicyLoader.RulesFile] = yaml }), problems, out _) is { } policy
                && policy.Id == id;
        }
        catch (YamlException)
        {
            return false;
        }
    }

    /// <summary>The mark right under the title, where a reader of the file sees it first.</summary>
    private static string Marked(string markdown, string mark)
    {
        var lines = markdown.TrimEnd().Split('\n').ToList();
        lines.Insert(lines.Count > 0 && lines[0].StartsWith("# ", StringComparison.Ordinal) ? 1 : 0, "\n" + mark);
        return string.Join('\n', lines) + "\n";
    }

    private static IEnumerable<string> SectionIds(string markdown) => SectionHeading().Matches(markdown).Select(m => m.Groups[1].Value).ToList();

    private static string Unfenced(string text)
    {
        var trimmed = text.Trim();
        var fence = Fence().Match(trimmed);
        return fence.Success ? fence.Groups[1].Value : trimmed;
    }

    private static string Name(string language) => language == "fr" ? "French" : "English";

    [GeneratedRegex(@"^#{2,3} \[([a-z0-9-]+)\]", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^```[a-z]*\n(.*?)\n```$", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
