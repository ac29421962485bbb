namespace RefundBot.Knowledge.Answers;

/// <summary>
/// What retrieval found for the best section: the share of the question's meaningful words the section holds
/// (<paramref name="Lexical"/>, 0..1) and, when the question could be embedded, the best cosine between the question and
/// the section or one of its sentences (<paramref name="Semantic"/>), and the best cosine between the question and one of
/// the section's example questions (<paramref name="Question"/>, questions.yaml), and the section's BM25 score for the
/// question (<paramref name="Score"/>, 0 when only the vectors found it): how many of the question's rarer words it holds;
/// and that score as a share of the best section's for the same question (<paramref name="RelativeScore"/>, 0..1), which
/// ranks the sections but does not decide coverage (a score means nothing across questions, only within one); and the
/// best BM25 score of any other section for the same question (<paramref name="OtherScore"/>), against which the
/// section's own says whether the question's words point to it alone.
/// </summary>
public readonly record struct CoverageEvidence(double Lexical, double? Semantic, double? Question = null, double Score = 0, double RelativeScore = 0, double OtherScore = 0)
{
    /// <summary>Whether the section's BM25 score is at least <paramref name="times"/> that of any other section: the
    /// question's rarer words are this section's, not spread over several (as an uncovered question's on the same topic are).</summary>
    public bool Dominates(double times) => Score >= times * OtherScore;

    /// <summary>The semantic evidence the decision reads: the better of the text's cosine and the example questions'.</summary>
    public double? Dense(CoverageThresholds thresholds) =>
        Semantic is { } semantic ? Math.Max(semantic, (Question ?? 0) - thresholds.QuestionMargin) : null;
}

/// <summary>
/// The thresholds of the coverage decision, chosen on the development split of the evaluation set
/// (tests/RefundBot.Knowledge.Tests/Evaluation), where a wrong answer counts as worse than a refusal.
/// </summary>
/// <param name="Lexical">Without a vector (French, or English before the vectors are ready): the share of words needed; in French with a BM25 score of at least <paramref name="LexicalScore"/>.</param>
/// <param name="LexicalScore">French, without a vector: the BM25 score needed beside <paramref name="Lexical"/> (on dev and dev2, every uncovered French question whose words a section shared scored under 7.5: words spread thin over a long section).</param>
/// <param name="StrongScore">French, without a vector: a BM25 score that covers the question with only <paramref name="LexicalWithStrongScore"/> of its words.</param>
/// <param name="WholeShareScore">French without a vector (and English with one, beside <paramref name="Dominance"/>): the BM25 score that covers a question every one of whose words the section holds (a short question, "il faut une preuve d'achat ?", scores under <paramref name="LexicalScore"/> for having few words, not for missing any).</param>
/// <param name="LexicalWithStrongScore">Without a vector: the share of words needed with <paramref name="StrongScore"/>.</param>
/// <param name="ScoreWithFloor">With a vector: a BM25 score that, with a cosine of at least <paramref name="SemanticFloor"/> and a word share of <paramref name="LexicalWithScore"/>, covers the question.</param>
/// <param name="LexicalWithScore">With a vector: the word share needed with <paramref name="ScoreWithFloor"/> (0.15, from 0.2: on dev2 two covered English paraphrases sharing one word in six, scored 13 and 27.5, were refused; no uncovered question, injection or wrong section of dev or dev2 reaches a score of 12 with a cosine of 0.4).</param>
/// <param name="Semantic">With a vector: a cosine that covers the question on its own.</param>
/// <param name="SemanticFloor">With a vector: under it the question is never covered, whatever the words shared.</param>
/// <param name="LexicalWithFloor">With a vector between the floor and <paramref name="Semantic"/>: the share of words needed.</param>
/// <param name="Dominance">With a vector: how many times any other section's BM25 score the section's must be to cover the question whatever the cosine, with <paramref name="ScoreWithFloor"/> and <paramref name="LexicalWithDominance"/> of its words, or with <paramref name="WholeShareScore"/> and all of them (dev, dev2, dev3: paraphrases the model scores 0.24–0.40, "should I attach screenshots to my request?", "whats the quickest way to put my request in, phone or post?", scored 2.2–3 times the next section; no uncovered question with 40% of its words over 1.6 times).</param>
/// <param name="LexicalWithDominance">With a vector: the word share needed with <paramref name="Dominance"/>.</param>
/// <param name="SemanticWeight">How much the cosine weighs against the word share when ranking the sections.</param>
/// <param name="ScoreWeight">How much the BM25 score, relative to the best section's, weighs against the word share when ranking.</param>
/// <param name="QuestionMargin">How much an example question's cosine is discounted against the text's (two questions share a form of words that a question and an answer do not).</param>
/// <param name="FrenchPrefix">French: a question's stem counts as in the section when a stem there begins with its first letters (this many, 0: off).</param>
/// <param name="EnglishPrefix">The same for English.</param>
/// <param name="FrenchSemantic">Whether French questions are compared with the English sections' vectors (measured on dev: it does not help).</param>
public sealed record CoverageThresholds(
    double Lexical = 0.5,
    double LexicalScore = 7.5,
    double StrongScore = 15,
    double WholeShareScore = 6.5,
    double LexicalWithStrongScore = 0.34,
    double ScoreWithFloor = 12,
    double LexicalWithScore = 0.15,
    double Semantic = 0.7,
    double SemanticFloor = 0.4,
    double LexicalWithFloor = 0.4,
    double Dominance = 2.0,
    double LexicalWithDominance = 0.4,
    double SemanticWeight = 4.0,
    double ScoreWeight = 1.0,
    bool FrenchSemantic = false,
    double QuestionMargin = 0.15,
    int FrenchPrefix = 6,
    int EnglishPrefix = 0)
{
    /// <summary>How many first letters two stems must share to count as one word (0: the same stem only).</summary>
    public int SharedPrefix(string language) => language == "fr" ? FrenchPrefix : EnglishPrefix;

    public static CoverageThresholds Default { get; } = new();
}

/// <summary>Pure: whether the policy covers a question, from the evidence for its best section.</summary>
public static class CoverageDecision
{
    /// <summary>
    /// Whether the evidence covers the question. Without a vector, the BM25 score counts for French only: it was chosen
    /// on French questions (English ones have vectors on dev and dev2), so English before its vectors are ready keeps
    /// the word share alone, as before.
    /// </summary>
    public static bool Covered(CoverageEvidence evidence, CoverageThresholds thresholds, string language) =>
        evidence.Dense(thresholds) is { } semantic
            ? semantic >= thresholds.Semantic
                || (semantic >= thresholds.SemanticFloor && evidence.Lexical >= thresholds.LexicalWithFloor)
                || (semantic >= thresholds.SemanticFloor && evidence.Score >= thresholds.ScoreWithFloor && evidence.Lexical >= thresholds.LexicalWithScore)
                || WordsPointToIt(evidence, thresholds)
            : language != "fr"
                ? evidence.Lexical >= thresholds.Lexical
                : (evidence.Lexical >= thresholds.Lexical && evidence.Score >= thresholds.LexicalScore)
                    || (evidence.Lexical >= thresholds.LexicalWithStrongScore && evidence.Score >= thresholds.StrongScore)
                    || (evidence.Lexical >= 1.0 && evidence.Score >= thresholds.WholeShareScore);

    /// <summary>
    /// With a vector, whatever the cosine: the section's BM25 score dominates every other section's, with a strong score
    /// and a good share of the words, or with every word (a paraphrase the model reads poorly whose words only this
    /// section holds).
    /// </summary>
    private static bool WordsPointToIt(CoverageEvidence evidence, CoverageThresholds thresholds) =>
        evidence.Dominates(thresholds.Dominance)
        && ((evidence.Score >= thresholds.ScoreWithFloor && evidence.Lexical >= thresholds.LexicalWithDominance)
            || (evidence.Score >= thresholds.WholeShareScore && evidence.Lexical >= 1.0));

    /// <summary>The score sections are ranked by: the word share, plus the weighted cosine when there is one, else plus
    /// the weighted BM25 score relative to the best one (the share counts every word alike; BM25 knows a word one section
    /// holds, "rappel", from one most hold, "produit"). With a vector the BM25 term was measured to win nothing on dev and
    /// dev2 and to answer one more English question from a section the set does not expect, so it is left out there.</summary>
    public static double Rank(CoverageEvidence evidence, CoverageThresholds thresholds) =>
        evidence.Dense(thresholds) is { } dense
            ? evidence.Lexical + (thresholds.SemanticWeight * dense)
            : evidence.Lexical + (thresholds.ScoreWeight * evidence.RelativeScore);
}
