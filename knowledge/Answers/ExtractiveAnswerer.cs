using System.Text.RegularExpressions;
using RefundBot.Knowledge.Retrieval;

namespace RefundBot.Knowledge.Answers;

/// <summary>An answer from the policy text: the section, the sentences quoted from it, and how sure retrieval was.</summary>
public sealed record PolicyAnswer(
    bool Answered,
    string PolicyId,
    string Language,
    string? SectionId,
    string? Heading,
    IReadOnlyList<string> Quote,
    double Confidence,
    IReadOnlyList<Passage> Passages,
    string? Phrasing = null)
{
    public static PolicyAnswer NotCovered(string policyId, string language, IReadOnlyList<Passage> passages, double confidence) =>
        new(false, policyId, language, null, null, [], confidence, passages);
}

/// <summary>
/// The default answerer, deterministic and embedded: the best section for the question, and its sentences that share
/// the most words with it, quoted as written. The confidence is the share of the question's meaningful words (stems,
/// without stop words and without words every refund policy uses) that the section contains; under the threshold the
/// answer is "the policy does not say". It never writes a word of its own.
/// </summary>
public sealed partial class ExtractiveAnswerer(PolicyIndex index, double threshold = ExtractiveAnswerer.DefaultThreshold)
{
    public const double DefaultThreshold = 0.5;

    /// <summary>Words that say nothing about what is asked: pronouns, auxiliaries, question words, and the words every
    /// refund policy is made of. They do not count towards the confidence.</summary>
    private static readonly IReadOnlyDictionary<string, string> GenericWords = new Dictionary<string, string>
    {
        ["en"] = "i me my mine you your yours we our us he she it its they them do does did done can could would should will shall "
            + "may might must have has had is are am be been being what who whom which where why how when there any some please tell know "
            + "refund refunds refunded refunding policy policies get gets give need needs happen happens happened take takes took "
            + "many much ask asking already",
        ["fr"] = "je j me m moi mon ma mes tu te ton ta tes vous votre vos nous notre nos il elle on ils elles y en ce cet cette ces "
            + "est sont suis être été ai as a avons avez ont fait faire faut falloir dois doit devoir peux peut puis pouvoir savoir "
            + "quel quelle quels quelles quoi qui que comment combien quand où pourquoi est-ce "
            + "remboursement remboursements rembourser remboursé remboursée remboursés politique argent obtenir passe passer",
    };

    /// <summary>
    /// How much of <paramref name="text"/> the passage supports: the share of its meaningful terms (stemmed, stop words
    /// left out) that the passage contains. 1 for a text made only of the passage's own words.
    /// </summary>
    public double Grounding(string language, string text, Passage passage)
    {
        var said = index.Terms(language, text).ToHashSet();
        if (said.Count == 0)
        {
            return 0;
        }

        var source = index.Terms(language, passage.Heading + "\n" + passage.Body).ToHashSet();
        return said.Count(source.Contains) / (double)said.Count;
    }

    public PolicyAnswer Answer(string policyId, string language, string question)
    {
        var concepts = Concepts.In(language, question);
        var expanded = question + " " + string.Join(" ", concepts.Select(c => c.Expansion));
        var passages = index.Search(policyId, language, expanded);
        var generic = index.Terms(language, GenericWords.GetValueOrDefault(language) ?? "").ToHashSet();
        var conceptWords = index.Terms(language, string.Join(" ", concepts.Select(c => c.Phrase))).ToHashSet();
        var asked = index.Terms(language, question)
            .Where(t => !generic.Contains(t) && !conceptWords.Contains(t))
            .Distinct()
            .Select(t => (IReadOnlySet<string>)new HashSet<string> { t })
            .Concat(concepts.Select(c => (IReadOnlySet<string>)index.Terms(language, c.Expansion).ToHashSet()))
            .ToList();
        if (passages.Count == 0 || asked.Count == 0)
        {
            return PolicyAnswer.NotCovered(policyId, language, passages, 0);
        }

        var best = passages
            .Select(p => (Passage: p, Coverage: Coverage(asked, index.Terms(language, p.Heading + "\n" + p.Body).ToHashSet())))
            .OrderByDescending(p => p.Coverage).ThenByDescending(p => p.Passage.Score)
            .First();
        if (best.Coverage < threshold)
        {
            return PolicyAnswer.NotCovered(policyId, language, passages, best.Coverage);
        }

        return new PolicyAnswer(true, policyId, language, best.Passage.SectionId, best.Passage.Heading,
            Quote(best.Passage.Body, asked.SelectMany(a => a).ToHashSet(), language), best.Coverage, passages);
    }

    /// <summary>The share of what was asked (a word, or a concept any of whose words will do) that the section contains.</summary>
    private static double Coverage(IReadOnlyList<IReadOnlySet<string>> asked, HashSet<string> section) =>
        (double)asked.Count(alternatives => alternatives.Overlaps(section)) / asked.Count;

    /// <summary>The one or two sentences that share the most words with the question, in the order they are written.</summary>
    private IReadOnlyList<string> Quote(string body, IReadOnlySet<string> asked, string language)
    {
        var sentences = Sentences(body);
        var scored = sentences
            .Select((sentence, position) => (sentence, position, score: index.Terms(language, sentence).Distinct().Count(asked.Contains)))
            .Where(s => s.score > 0)
            .OrderByDescending(s => s.score).ThenBy(s => s.position)
            .Take(2)
            .OrderBy(s => s.position)
            .Select(s => s.sentence)
            .ToList();
        return scored.Count > 0 ? scored : sentences.Take(1).ToList();
    }

    public static IReadOnlyList<string> Sentences(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(line => SentenceEnd().Split(line.TrimStart('-', ' ')))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .ToList();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ0-9«""“])")]
    private static partial Regex SentenceEnd();
}
