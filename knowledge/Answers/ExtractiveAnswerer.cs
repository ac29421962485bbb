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
/// The default answerer, deterministic and embedded, on hybrid evidence: the sections Lucene's BM25 finds for the
/// question and, when the question can be embedded (English, once the section vectors are ready), the sections whose
/// sentences are closest to it. Each candidate has its share of the question's meaningful words (stems, without stop
/// words and without words every refund policy uses) and its best cosine; <see cref="CoverageDecision"/> says whether the
/// best one covers the question, else the answer is "the policy does not say". The quote is the few sentences of that
/// section that carry the answer, as written. It never writes a word of its own.
/// </summary>
public sealed partial class ExtractiveAnswerer(PolicyIndex index, CoverageThresholds? thresholds = null)
{
    private readonly CoverageThresholds _thresholds = thresholds ?? CoverageThresholds.Default;

    /// <summary>The <see cref="PolicyWords"/> as the index's analyzer reads them, per language (analyzed once, not on every question).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> _policyTerms = new(StringComparer.Ordinal);

    /// <summary>The most sentences a quote has.</summary>
    public const int MaxQuoted = 3;

    /// <summary>Words that say nothing about what is asked: pronouns, auxiliaries, question words, and the words every
    /// refund policy is made of. They do not count towards the confidence.</summary>
    private static readonly IReadOnlyDictionary<string, string> GenericWords = new Dictionary<string, string>
    {
        ["en"] = "i me my mine you your yours we our us he she it its they them do does did done can could would should will shall "
            + "may might must have has had is are am be been being what who whom which where why how when there any some please tell know "
            + "refund refunds refunded refunding policy policies get gets give need needs happen happens happened take takes took "
            + "many much ask asking already hi hello hey thanks thank ok okay lol kinda just really actually honestly still also "
            + "like something anything want got any chance possible normal "
            // Contractions, with and without their apostrophe (the analyzer keeps them whole: "don't", "dont"): the
            // negation or the pronoun they carry is a stop word, so they say no more than "not" or "I" would.
            + "don't dont doesn't doesnt didn't didnt won't wont can't cant couldn't couldnt wouldn't wouldnt shouldn't shouldnt "
            + "isn't isnt aren't arent wasn't wasnt weren't werent haven't havent hasn't hasnt i'm im i've ive you're youre "
            + "that's thats what's whats there's theres "
            // Fillers of casual messages.
            + "guys guy ugh thing things stuff ago since yet "
            // "once" of a sentence's frame ("once you approve it"): many sections hold it ("once delivered", "once the
            // service has been initiated") whatever they answer; "paid once" is a concept (a one-time purchase).
            + "once "
            // Weekdays and "today", as in French: "bought it on monday, today is friday" names a date, which no section holds.
            + "monday tuesday wednesday thursday friday saturday sunday today",
        ["fr"] = "je j me m moi mon ma mes tu te ton ta tes vous votre vos nous notre nos il elle on ils elles y en ce cet cette ces "
            + "est sont suis être été ai as a avons avez ont fait faire faut falloir dois doit devoir peux peut puis pouvoir savoir "
            + "quel quelle quels quelles quoi qui que comment combien quand où pourquoi est-ce "
            + "remboursement remboursements rembourser remboursé remboursée remboursés politique argent obtenir passe passer "
            + "bonjour salut merci ok stp svp vraiment encore aussi quoi ca ça c droit possible normal franchement voudrais veux "
            + "pouvez pourrais pourriez pourrait vais va "
            + "au fait alors donc mais bien juste dire toujours rien chose truc genre bref bon ben bah euh voila "
            + "aurai aura aurais aurait cote hier aujourd'hui maintenant deja tjs qd pk pq cmt bcp mtn info infos "
            + "bonsoir coucou madame monsieur d'accord daccord parfait super simple lundi mardi mercredi jeudi vendredi samedi soir matin finalement "
            // Apostrophes left out ("jai", "cest"), and the words of a sentence's frame that say nothing of what is asked.
            + "jai cest ya jsuis chui tout tous toute toutes chez si plus fais allez vais vois dit veut voulait pendant bonne "
            + "rendre rendu rendue rendez rend rends",
    };

    /// <summary>The generic words that name what every policy is about (the refund itself): they cannot say which section
    /// answers, but within the section they say which sentence does ("However, we do not offer refunds for partial
    /// subscription periods" for "do I get the unused days back?"), so the quote counts them.</summary>
    private static readonly IReadOnlyDictionary<string, string> PolicyWords = new Dictionary<string, string>
    {
        ["en"] = "refund refunds refunded refunding refundable",
        ["fr"] = "remboursement remboursements rembourser remboursé remboursée remboursés remboursable remboursables",
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
        question = WithUnitsSpelled(language, question);
        var concepts = Concepts.In(language, question);
        var expanded = question + " " + string.Join(" ", concepts.Select(c => c.Expansion));
        var passages = index.Search(policyId, language, expanded, count: 5);
        var asked = Asked(language, question, concepts);
        if (asked.Count == 0 || RefusedPhrases.Refuses(language, question))
        {
            return PolicyAnswer.NotCovered(policyId, language, passages, 0);
        }

        var semantic = Semantic(policyId, language, question);
        var candidates = Candidates(policyId, language, passages, asked, semantic);
        if (candidates.Count == 0)
        {
            return PolicyAnswer.NotCovered(policyId, language, passages, 0);
        }

        var (best, evidence) = candidates[0];
        var confidence = evidence.Semantic ?? evidence.Lexical;
        if (!CoverageDecision.Covered(evidence, _thresholds, language))
        {
            return PolicyAnswer.NotCovered(policyId, language, passages, confidence);
        }

        var sentenceScores = semantic.GetValueOrDefault(best.SectionId).Sentences;
        return new PolicyAnswer(true, policyId, language, best.SectionId, best.Heading,
            Quotes.Select(best.Body, QuoteTerms(language, expanded, asked), t => index.Terms(language, t), sentenceScores, MaxQuoted,
                _thresholds.SharedPrefix(language)),
            confidence, passages);
    }

    /// <summary>The terms a quote's sentences are scored by: what was asked, and the <see cref="PolicyWords"/> the question
    /// or its concepts hold ("do I get the unused days back?": "get … back", a refund; "get back to me" is a reply).</summary>
    private HashSet<string> QuoteTerms(string language, string question, List<IReadOnlySet<string>> asked)
    {
        var policyWords = _policyTerms.GetOrAdd(language, l => index.Terms(l, PolicyWords.GetValueOrDefault(l) ?? "").ToHashSet());
        return asked.SelectMany(a => a).Concat(index.Terms(language, question).Where(policyWords.Contains)).ToHashSet();
    }

    /// <summary>Every section a search or the vectors found, with its evidence, best first (for the answer and for tuning).</summary>
    public IReadOnlyList<(Passage Passage, CoverageEvidence Evidence)> Candidates(string policyId, string language, string question)
    {
        question = WithUnitsSpelled(language, question);
        var concepts = Concepts.In(language, question);
        var passages = index.Search(policyId, language, question + " " + string.Join(" ", concepts.Select(c => c.Expansion)), count: 5);
        var asked = Asked(language, question, concepts);
        return asked.Count == 0 || RefusedPhrases.Refuses(language, question) ? [] : Candidates(policyId, language, passages, asked, Semantic(policyId, language, question));
    }

    private List<(Passage Passage, CoverageEvidence Evidence)> Candidates(
        string policyId, string language, IReadOnlyList<Passage> passages, List<IReadOnlySet<string>> asked,
        Dictionary<string, (double Score, IReadOnlyList<double>? Sentences, double Question)> semantic)
    {
        var best = passages.Count == 0 ? 1 : Math.Max(passages.Max(p => p.Score), float.Epsilon);
        return passages.Select(p => p.SectionId)
            .Concat(semantic.OrderByDescending(s => s.Value.Score).Take(3).Select(s => s.Key))
            .Concat(semantic.OrderByDescending(s => s.Value.Question).Take(2).Select(s => s.Key))
            .Distinct()
            .Select(id => passages.FirstOrDefault(p => p.SectionId == id) ?? index.Section(policyId, language, id))
            .OfType<Passage>()
            .Select(p => (Passage: p, Evidence: new CoverageEvidence(
                Coverage(language, asked, index.SectionTerms(p)),
                semantic.Count == 0 ? null : semantic.GetValueOrDefault(p.SectionId).Score,
                semantic.Count == 0 ? null : semantic.GetValueOrDefault(p.SectionId).Question,
                p.Score,
                p.Score / best,
                passages.Where(other => other.SectionId != p.SectionId).Select(other => (double)other.Score).DefaultIfEmpty(0).Max())))
            .OrderByDescending(c => CoverageDecision.Rank(c.Evidence, _thresholds)).ThenByDescending(c => c.Passage.Score)
            .ToList();
    }

    /// <summary>The analyzer's stop words of a language (accented: "été", "même"), to be folded into the generic words.</summary>
    private static string StopWords(string language) =>
        language == "fr" ? string.Join(' ', Lucene.Net.Analysis.Fr.FrenchAnalyzer.DefaultStopSet.Cast<object>().Select(w => w is char[] chars ? new string(chars) : w.ToString())) : "";

    /// <summary>What the question asks, as the word share counts it (for diagnostics: bench --why).</summary>
    public IReadOnlyList<IReadOnlySet<string>> Asked(string language, string question) =>
        Asked(language, question, Concepts.In(language, question));

    /// <summary>"72h", "48 hrs", "7j" as the policies write them ("72 heures", "48 hours", "7 jours"): one token "72h" matches no policy word.</summary>
    private static string WithUnitsSpelled(string language, string question) =>
        UnitAfterFigure().Replace(question, m => m.Groups["figure"].Value + " " + (m.Groups["unit"].Value.StartsWith('j')
            ? "jours"
            : language == "fr" ? "heures" : "hours"));

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<figure>\d+)\s?(?<unit>h|hrs?|j)(?![\p{L}\p{N}])", RegexOptions.IgnoreCase)]
    private static partial Regex UnitAfterFigure();

    /// <summary>What the question asks: each meaningful word, and each concept (any of whose words will do).</summary>
    private List<IReadOnlySet<string>> Asked(string language, string question, IReadOnlyList<(string Phrase, string Expansion)> concepts)
    {
        // Each generic word as written and without its accents ("etre", "ete", "meme"): customers often leave them out,
        // and the analyzer's stop words are accented, so "ete" would otherwise count as a word asked.
        var genericText = GenericWords.GetValueOrDefault(language) ?? "";
        var generic = index.Terms(language, genericText + " " + Concepts.Fold(genericText + " " + StopWords(language))).ToHashSet();
        var conceptWords = index.Terms(language, string.Join(" ", concepts.Select(c => c.Phrase))).ToHashSet();
        // A term counts as generic or as a concept's also without its accents: the analyzer keeps some ("payé"), the
        // phrases and the folded generic words have none.
        return index.Terms(language, question)
            .Where(t => !generic.Contains(t) && !conceptWords.Contains(t) && !generic.Contains(Concepts.Fold(t)) && !conceptWords.Contains(Concepts.Fold(t)))
            .Distinct()
            .Select(t => (IReadOnlySet<string>)new HashSet<string> { t })
            // A concept's generic words ("refund") are in every section, so they cannot show that one covers the question.
            .Concat(concepts
                .Select(c => (IReadOnlySet<string>)index.Terms(language, c.Expansion).Where(t => !generic.Contains(t)).ToHashSet())
                .Where(expansion => expansion.Count > 0))
            .ToList();
    }

    /// <summary>
    /// Each section's cosine with the question (and its sentences'), when the question can be embedded: English only,
    /// since the model is English (on French questions it was measured not to help); empty otherwise.
    /// </summary>
    private Dictionary<string, (double Score, IReadOnlyList<double>? Sentences, double Question)> Semantic(string policyId, string language, string question)
    {
        if ((language != "en" && !_thresholds.FrenchSemantic) || index.Vectors is not { } vectors || index.Embed(question) is not { } vector)
        {
            return [];
        }

        return vectors.Of(policyId, language).ToDictionary(
            v => v.SectionId,
            v => (Similarity.Section(vector, v), (IReadOnlyList<double>?)Similarity.Sentences(vector, v), Similarity.Question(vector, v)));
    }

    /// <summary>
    /// The share of what was asked (a word, or a concept any of whose words will do) that the section contains, each
    /// stem as <see cref="StemMatch"/> finds it (with <see cref="CoverageThresholds.SharedPrefix"/> for the language).
    /// </summary>
    private double Coverage(string language, IReadOnlyList<IReadOnlySet<string>> asked, IReadOnlySet<string> section)
    {
        var prefix = _thresholds.SharedPrefix(language);
        return (double)asked.Count(alternatives => alternatives.Any(term => StemMatch.Holds(section, term, prefix))) / asked.Count;
    }
}
