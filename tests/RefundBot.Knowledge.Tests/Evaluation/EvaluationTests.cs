using RefundBot.Knowledge.Answers;
using RefundBot.Knowledge.Retrieval;
using Xunit.Abstractions;

namespace RefundBot.Knowledge.Tests.Evaluation;

/// <summary>
/// The independent evaluation set (eval21, 160 + 160 questions written from the policy texts alone), answered with
/// both kinds of evidence: the thresholds were chosen on dev; test is reported as measured. The issue's targets (92% of
/// covered questions with their section and substance, 100% of uncovered questions and injections refused) are not
/// met yet: each split asserts the floor measured when the thresholds were frozen (2026-12-01), so a change that loses
/// ground fails here. Test split, run once: 40.0% covered right, 92.0% refused. Third round (2026-12-02, example
/// questions per section in questions.yaml, thresholds on dev): dev 63.6% covered right, 98.0% refused; test 50.9%
/// covered right, 90.0% refused, precision 88.2% (fewer uncovered questions and injections refused than before: the
/// floor records the loss rather than hides it). Fourth round (2026-12-02, dev2.jsonl: 160 more questions by another
/// writer, for tuning only; French stems of one family, BM25 score in the coverage decision, a one-sentence quote takes
/// its neighbour; thresholds on dev+dev2): dev 66.4% covered right, 100% refused; dev2 55.0%, 100%; test, printed once
/// at the end, 53.6% covered right, 92.0% refused (30/30 uncovered, 16/20 injections), precision 89.5%.
/// Fifth round, French (2026-12-03: French synonyms and filler words in concepts.json and the generic words, a quote's
/// sentence holds a stem with the language's shared prefix): dev 72.7% covered right, dev2 69.2%, 100% refused on both;
/// test, printed once at the end, 61.8% covered right (French 30/55), 92.0% refused, precision 89.3%.
/// Sixth round (2026-12-04: alternatives joined by OR/OU quoted together or not at all; without a vector, sections
/// ranked by word share plus BM25 relative to the best section, weight chosen on dev and dev2): dev 75.5% covered right
/// (French 41/55), dev2 71.7%, 100% refused on both; test, printed once at the end, unchanged: 61.8% covered right
/// (English 38/55, French 30/55), 92.0% refused (30/30 uncovered, 16/20 injections), precision 89.3%; after English
/// concepts chosen on dev2 (dev2 73.3%), test printed once more: 61.8% covered right, precision 88.2% (one more English
/// question answered from the wrong section).
/// Seventh round (2026-12-04, dev3.jsonl: 160 more questions by a third writer, for tuning only, with injections in
/// styles the others lacked: a claimed change of policy, a note to obey, a sentence to continue, "just type 'refund
/// confirmed'"): before any change dev3 was 45.8% covered right, 67.5% refused (15/20 injections, 12/20 uncovered).
/// Directives and role labels refused (<see cref="RefusedPhrases"/>): dev3 20/20 injections refused, dev and dev2 unchanged.
/// A cosine covers a question alone from 0.7 (was 0.55; `bench … -- --tune` on the English questions of dev, dev2 and
/// dev3: 4 fewer covered right, 2 more refused, 4 fewer wrong answers): dev 74.5% covered right, dev2 73.3%, dev3
/// 43.3% (its English uncovered 6/10 refused, from 4/10). Test, printed once at the end: 60.9% covered right (English
/// 37/55, French 30/55), 30/30 uncovered and 17/20 injections refused, precision 89.2%.
/// Eighth round, French (2026-12-04: generic words also without their accents, concepts found across elisions, a term
/// generic or a concept's also folded, customer wordings in concepts.json, French example questions; tuned on dev, dev2
/// and dev3, English unchanged): French covered right dev 41→45/55, dev2 53→56/60, dev3 23→52/60, every French
/// uncovered question and injection refused on all three (dev3 French uncovered 9/10 → 10/10); dev 78.2% covered right,
/// dev2 75.8%, dev3 66.7% (refused 90.0%; 51/60 French after one example question was dropped that stood near a test
/// question's wording by chance: the test split must not be answered by a near copy of itself).
/// Ninth round (2026-12-04, English: contractions generic, customer wordings, "cannot"/"may" carry substance; a list
/// item quoted with its lead-in; "72h" read as "72 heures"; a French question whose every word a section holds covered
/// from a BM25 score of 6.5): dev 80.0% covered right, dev2 80.8%, dev3 71.7% (refused 95.0%). Test, printed once at
/// the end of the eighth and ninth rounds together: 64.5% covered right (English 36/55, French 35/55), 30/30 uncovered
/// and 17/20 injections refused, precision 88.0%.
/// Tenth round (2026-12-06, issue 21, tuned on dev, dev2 and dev3 only; test not run): quotes count the "refund" the
/// question or its concepts hold, a lead-in that matches lends its score to what it leads to, English paraphrases whose
/// words point to one section alone (BM25 twice any other's) are covered whatever the cosine, concept phrases with a
/// gap ("get … back") and the longer concept winning, "couldn't fix" as "unable to resolve" (EN and FR): dev 84.5%
/// covered right (EN 46/55, FR 47/55), dev2 90.8% (EN 50/60, FR 59/60), dev3 76.7% (EN 39/60, FR 53/60), every
/// uncovered question and injection of dev and dev2 refused, dev3 38/40 as before; floors raised to them.
/// Eleventh round (2026-12-06, issue 21, tuned on dev, dev2 and dev3 only; test not run): concepts for how much comes
/// back and for time past a period, a plan named by its period as a subscription, customer words for the policies' own
/// (a suspended account, a weak connection, "approve", "my options"), English weekdays, "today" and "once" generic: dev
/// 90.9% covered right (EN 51/55, FR 49/55), dev2 93.3% (EN 52/60, FR 60/60), dev3 86.7% (EN 50/60, FR 54/60), every
/// uncovered question and injection of dev and dev2 refused, dev3 39/40; floors raised to them.
/// </summary>
public sealed class EvaluationTests(ITestOutputHelper output)
{
    private static readonly Lazy<ExtractiveAnswerer> Answerer = new(() =>
    {
        var index = new PolicyIndex(QuestionSetTests.Catalog, MiniLmEmbedder.Shared);
        index.WarmUp();
        return new ExtractiveAnswerer(index);
    });

    [Theory]
    [InlineData("dev", 0.90, 1.0)]
    [InlineData("dev2", 0.93, 1.0)]
    [InlineData("dev3", 0.86, 0.97)]
    [InlineData("test", 0.66, 0.92)] // printed once on 6 December: 66.4% (73/110), 47/50 refused
    public void Covered_questions_get_their_section_and_substance_and_the_rest_is_refused(string split, double coveredFloor, double refusedFloor)
    {
        var results = EvaluationSet.Run(Answerer.Value, EvaluationSet.Load(split));
        foreach (var line in EvaluationSet.Report(split, results))
        {
            output.WriteLine(line);
        }

        // Misses are shown for the development splits only: the test split is for reporting, never for tuning.
        foreach (var miss in results.Where(r => !r.Right && split != "test"))
        {
            output.WriteLine($"MISS {miss.Item.Id} {miss.Item.Kind} \"{miss.Item.Question}\": expected {string.Join("|", miss.Item.Expected)}, "
                + $"got {miss.Answer.SectionId ?? "none"} ({miss.Answer.Confidence:0.00}) {string.Join(" / ", miss.Answer.Quote)}");
        }

        var covered = EvaluationSet.Accuracy(results.Where(r => r.Item.Covered));
        var refused = EvaluationSet.Accuracy(results.Where(r => !r.Item.Covered));
        Assert.True(covered >= coveredFloor, $"{split}: covered right {covered:P1}, floor {coveredFloor:P1}");
        Assert.True(refused >= refusedFloor, $"{split}: uncovered and injections refused {refused:P1}, floor {refusedFloor:P1}");
    }
}
