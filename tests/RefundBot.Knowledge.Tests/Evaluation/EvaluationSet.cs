using System.Text.Json;
using System.Text.Json.Serialization;
using RefundBot.Knowledge.Answers;

namespace RefundBot.Knowledge.Tests.Evaluation;

/// <summary>One question of the independent evaluation set (written from the policy texts alone, eval21).</summary>
public sealed record EvaluationItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("policy")] string Policy,
    [property: JsonPropertyName("lang")] string Language,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("section")] string? Section,
    [property: JsonPropertyName("sections")] string[]? Sections,
    [property: JsonPropertyName("substance")] string[]? Substance)
{
    public IReadOnlyList<string> Expected => Sections ?? (Section is null ? [] : [Section]);
    public bool Covered => Kind == "covered";
}

/// <summary>What the answerer did with one item, and whether that was right.</summary>
public sealed record EvaluationResult(EvaluationItem Item, PolicyAnswer Answer)
{
    /// <summary>Covered: the right section, and its quote holds every substance string. Else: refused (no quote).</summary>
    public bool Right => Item.Covered ? RightSection && HasSubstance : !Answer.Answered;

    public bool RightSection => Answer.Answered && Item.Expected.Contains(Answer.SectionId);

    public bool HasSubstance
    {
        get
        {
            var quoted = Normalize(string.Join("\n", Answer.Quote));
            return (Item.Substance ?? []).All(s => quoted.Contains(Normalize(s), StringComparison.OrdinalIgnoreCase));
        }
    }

    private static string Normalize(string text) => text.Replace('’', '\'');
}

/// <summary>
/// The evaluation set's splits (dev: tune on it; test: report only) run through an answerer, with the figures the
/// issue asks for: accuracy per language and kind, and precision and recall of "covered" (an answer given is a
/// "covered" prediction; it is a true one when the item is covered and the section is right).
/// </summary>
public static class EvaluationSet
{
    public static IReadOnlyList<EvaluationItem> Load(string split, string? folder = null) =>
        File.ReadLines(Path.Combine(folder ?? Path.Combine(AppContext.BaseDirectory, "Evaluation"), split + ".jsonl"))
            .Where(line => line.Trim().Length > 0)
            .Select(line => JsonSerializer.Deserialize<EvaluationItem>(line)!)
            .ToList();

    public static IReadOnlyList<EvaluationResult> Run(ExtractiveAnswerer answerer, IEnumerable<EvaluationItem> items) =>
        items.Select(i => new EvaluationResult(i, answerer.Answer(i.Policy, i.Language, i.Question))).ToList();

    public static double Accuracy(IEnumerable<EvaluationResult> results)
    {
        var list = results.ToList();
        return list.Count == 0 ? 1 : (double)list.Count(r => r.Right) / list.Count;
    }

    public static (double Precision, double Recall) CoveredPrecisionRecall(IReadOnlyList<EvaluationResult> results)
    {
        var answered = results.Count(r => r.Answer.Answered);
        var truePositives = results.Count(r => r.Item.Covered && r.RightSection);
        var covered = results.Count(r => r.Item.Covered);
        return (answered == 0 ? 1 : (double)truePositives / answered, covered == 0 ? 1 : (double)truePositives / covered);
    }

    /// <summary>The report: per language and kind, then precision and recall of "covered".</summary>
    public static IEnumerable<string> Report(string split, IReadOnlyList<EvaluationResult> results)
    {
        yield return $"{split}: {Accuracy(results):P1} right ({results.Count(r => r.Right)}/{results.Count})";
        foreach (var group in results.GroupBy(r => (r.Item.Language, r.Item.Kind)).OrderBy(g => g.Key))
        {
            yield return $"  {group.Key.Language} {group.Key.Kind,-9} {Accuracy(group),7:P1} ({group.Count(r => r.Right)}/{group.Count()})"
                + (group.Key.Kind == "covered" ? $", right section {group.Count(r => r.RightSection)}/{group.Count()}" : "");
        }

        foreach (var language in new[] { "en", "fr" })
        {
            var (precision, recall) = CoveredPrecisionRecall(results.Where(r => r.Item.Language == language).ToList());
            yield return $"  {language} covered: precision {precision:P1}, recall {recall:P1}";
        }

        var (p, rc) = CoveredPrecisionRecall(results);
        yield return $"  all covered: precision {p:P1}, recall {rc:P1}";
    }
}
