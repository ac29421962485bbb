using System.Text.RegularExpressions;
using RefundBot.Knowledge.Retrieval;

namespace RefundBot.Knowledge.Answers;

/// <summary>
/// Pure: the sentences of a section that carry the answer, as written. A sentence counts by the question's words it
/// holds and, with a vector, by its cosine with the question; one that says a number, a limit or an exclusion ("14
/// business days", "not refundable", "ne … pas") counts more, so the quote never leaves out the sentence that answers. A
/// lead-in that ends with a colon ("Once your refund request is validated:") says nothing on its own and is not chosen,
/// but comes with the list items quoted from under it (their condition). The
/// best sentence, and those that score at least <see cref="KeepShare"/> of it, at most <c>max</c>, in the text's order;
/// a quote of one sentence takes its neighbour too, so a condition is never quoted without what follows from it. Of
/// alternatives joined by "OR" / "OU", either all are quoted or none.
/// A sentence holds a question's stem as <see cref="StemMatch"/> finds it, with the language's shared prefix (French:
/// "captures" / "capture", "facturé" / "facturation"; 0, the same stem only, as the coverage decision counts it).
/// </summary>
public static partial class Quotes
{
    public const double KeepShare = 0.6;
    private const double SemanticWeight = 3.0;
    private const double SubstanceBonus = 0.75;

    public static IReadOnlyList<string> Select(
        string body, IReadOnlySet<string> asked, Func<string, IReadOnlyList<string>> terms, IReadOnlyList<double>? semantic, int max, int prefix = 0)
    {
        var sentences = PassageText.Sentences(body);
        var own = sentences.Select((sentence, position) => Score(sentence, position, asked, terms, semantic, prefix)).ToList();
        var scored = sentences
            .Select((sentence, position) => (sentence, position, score: Led(sentences, own, position)))
            .Where(s => s.score > 0 && !s.sentence.EndsWith(':'))
            .OrderByDescending(s => s.score).ThenBy(s => s.position)
            .ToList();
        var kept = scored.Count == 0 ? [] : Kept(sentences, scored.Where(s => s.score >= KeepShare * scored[0].score).Select(s => s.position), max);
        if (kept.Count == 0)
        {
            return sentences.Where(s => !s.EndsWith(':') && !EndsInOr().IsMatch(s)).Take(1).DefaultIfEmpty(sentences.FirstOrDefault() ?? "").ToList();
        }

        if (kept.Count == 1 && max > 1 && Neighbour(sentences, kept[0]) is { } neighbour)
        {
            kept.Add(neighbour);
        }

        return kept.Concat(LeadIns(body, sentences, kept)).Concat(kept.Where(p => own[p] < Led(sentences, own, p)).Select(p => p - 1))
            .Distinct().Order().Select(position => sentences[position]).ToList();
    }

    /// <summary>
    /// A sentence's score, or that of the lead-in just before it when higher: a lead-in says nothing alone and is not
    /// chosen, but what it matches ("For any question or complaint relating to a refund, please contact us via the
    /// form:") is answered by what it leads to (the address), which is then quoted under it (only then: a sentence that
    /// scores on its own needs no lead-in outside a list).
    /// </summary>
    private static double Led(IReadOnlyList<string> sentences, IReadOnlyList<double> own, int position) =>
        position > 0 && sentences[position - 1].EndsWith(':') ? Math.Max(own[position], own[position - 1]) : own[position];

    /// <summary>
    /// The lead-ins of the list items quoted: "In the event of a service interruption of more than 48 hours caused by a
    /// failure on our part, we offer:" before "A full refund…", "No refund will be granted in the following cases:"
    /// before "Temporary service interruptions…" (and "Problems due to:" before a sub-item). An item without its lead-in
    /// states as a flat promise or a plain fact what the policy says only under its condition; the lead-ins come on top
    /// of the sentences chosen.
    /// </summary>
    private static IEnumerable<int> LeadIns(string body, IReadOnlyList<string> sentences, List<int> kept)
    {
        var items = ListItems(body);
        if (items.Count != sentences.Count)
        {
            yield break;
        }

        foreach (var position in kept.Where(p => items[p]))
        {
            for (var before = position - 1; before >= 0; before--)
            {
                if (sentences[before].EndsWith(':'))
                {
                    yield return before;
                }

                if (!items[before])
                {
                    break;
                }
            }
        }
    }

    /// <summary>For each sentence of <see cref="PassageText.Sentences"/>, whether it comes from a list item ("- …", "* …").</summary>
    private static List<bool> ListItems(string body) =>
        [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(line => PassageText.Sentences(line).Select(_ => line.StartsWith('-') || line.StartsWith('*')))];

    /// <summary>
    /// The best sentences, at most <paramref name="max"/>, each with the alternatives it is one of: a bullet that ends
    /// in "OR" / "OU" ("A full refund of the subscription purchased, OR" / "An extension…") is quoted with the other
    /// one or not at all, since either half alone states an offer the policy does not make.
    /// </summary>
    private static List<int> Kept(IReadOnlyList<string> sentences, IEnumerable<int> best, int max)
    {
        var kept = new List<int>();
        foreach (var group in best.Select(position => Alternatives(sentences, position)).OfType<int[]>())
        {
            var added = group.Except(kept).ToList();
            if (kept.Count + added.Count <= max || kept.Count == 0)
            {
                kept.AddRange(added);
            }
        }

        return kept;
    }

    /// <summary>The sentence and those it is joined to by a trailing "or"; null when the last of them still ends in
    /// one (the alternative is missing from the text, so none of them can be quoted as an answer).</summary>
    private static int[]? Alternatives(IReadOnlyList<string> sentences, int position)
    {
        var first = position;
        while (first > 0 && EndsInOr().IsMatch(sentences[first - 1]))
        {
            first--;
        }

        var last = position;
        while (last < sentences.Count - 1 && EndsInOr().IsMatch(sentences[last]))
        {
            last++;
        }

        return EndsInOr().IsMatch(sentences[last]) ? null : Enumerable.Range(first, last - first + 1).ToArray();
    }

    [GeneratedRegex(@"[\s,;]+(?:or|ou)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex EndsInOr();

    /// <summary>
    /// The sentence that completes a quote of one: the next one (the exclusion, the limit or the alternative of a
    /// sentence often follows it: "…not eligible for refunds. These items are sold as-is, and all sales are final."), or,
    /// after the last, the one before; never a lead-in that ends with a colon.
    /// </summary>
    private static int? Neighbour(IReadOnlyList<string> sentences, int position) =>
        new[] { position + 1, position - 1 }
            .Where(p => p >= 0 && p < sentences.Count && !sentences[p].EndsWith(':') && Alternatives(sentences, p) is [_])
            .Select(p => (int?)p)
            .FirstOrDefault();

    private static double Score(
        string sentence, int position, IReadOnlySet<string> asked, Func<string, IReadOnlyList<string>> terms, IReadOnlyList<double>? semantic, int prefix)
    {
        var said = terms(sentence).ToHashSet();
        var shared = asked.Count(term => StemMatch.Holds(said, term, prefix));
        var cosine = semantic is not null && position < semantic.Count ? Math.Max(0, semantic[position]) : 0;
        var relevant = shared + (SemanticWeight * cosine);
        return relevant > 0 && Substance().IsMatch(sentence) ? relevant + SubstanceBonus : relevant;
    }

    /// <summary>A number, or a word of exclusion or limit, in English or French.</summary>
    [GeneratedRegex(@"\d|\b(?:not?|cannot|can't|may|unless|depending|subject to|case-by-case|non|never|only|must|maximum|minimum|within|ne|n'|pas|aucun|aucune|jamais|seulement|uniquement|doit|doivent|dans un délai)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Substance();
}
