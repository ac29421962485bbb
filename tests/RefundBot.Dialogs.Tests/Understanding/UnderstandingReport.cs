using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Dialogs.Tests.Understanding;

/// <summary>One utterance's outcome: what the bot took, and whether it is what the corpus expects.</summary>
public sealed record CorpusOutcome(CorpusUtterance Utterance, UnderstandingProbe.Reading Reading, bool Right);

/// <summary>
/// Runs a split of the corpus through <see cref="UnderstandingProbe"/> and counts, per kind and language, the utterances
/// understood as expected: what the table test asserts and the benchmark prints.
/// </summary>
public static class UnderstandingReport
{
    public static async Task<IReadOnlyList<CorpusOutcome>> RunAsync(IEnumerable<CorpusUtterance> utterances, PolicyCatalog policies)
    {
        var probe = new UnderstandingProbe(policies);
        var outcomes = new List<CorpusOutcome>();
        foreach (var utterance in utterances)
        {
            // A turn that throws is a miss to report, not the end of the run (the bot answers "something went wrong" then).
            UnderstandingProbe.Reading reading;
            try
            {
                reading = await probe.ReadAsync(utterance);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                outcomes.Add(new CorpusOutcome(utterance, new UnderstandingProbe.Reading($"crash ({exception.GetType().Name} at {exception.TargetSite?.DeclaringType?.Name}.{exception.TargetSite?.Name})"), false));
                continue;
            }

            outcomes.Add(new CorpusOutcome(utterance, reading, Matches(utterance, reading)));
        }

        return outcomes;
    }

    /// <summary>
    /// True when the bot took what is expected. Numbers compare as numbers ("49.90" is 49.9); a first message's facts
    /// compare as a whole (a fact taken that the customer did not give is wrong), a reason "other" being no reason the
    /// bot can name; an "other" reason is right when the bot named no category.
    /// </summary>
    public static bool Matches(CorpusUtterance utterance, UnderstandingProbe.Reading reading)
    {
        if (utterance.Kind == "first")
        {
            var expected = (JsonObject)JsonNode.Parse(utterance.Expect.GetRawText())!;
            if (expected["reason"]?.GetValue<string>() == "other")
            {
                expected.Remove("reason");
            }

            return JsonNode.DeepEquals(Sorted(expected), Sorted((JsonObject)JsonNode.Parse(reading.Taken)!));
        }

        var expect = Scalar(utterance.Expect);
        if (utterance.Kind == "question")
        {
            var value = utterance.Value is { } given ? Scalar(given) : null;
            return reading.Taken == "question" && Same(value ?? "ask", reading.Beside ?? "ask");
        }

        // A question asked instead of answering ("does a scratch count?") gets the policy's answer and the prompt again:
        // no value is taken, which is what "ask" requires.
        return Same(expect, reading.Taken) || (expect == "ask" && reading is { Taken: "question", Beside: null });
    }

    /// <summary>A string or number of the corpus as text ("49.90", 72); null for null.</summary>
    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };

    private static bool Same(string? expected, string taken) =>
        string.Equals(expected, taken, StringComparison.OrdinalIgnoreCase)
        || (decimal.TryParse(expected, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(taken, NumberStyles.Number, CultureInfo.InvariantCulture, out var b) && a == b);

    private static JsonObject Sorted(JsonObject facts) => new(facts.OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    /// <summary>Accuracy of each kind and language, as (kind, language, right, total); language "all" for both.</summary>
    public static IEnumerable<(string Kind, string Language, int Right, int Total)> Accuracy(IReadOnlyList<CorpusOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Utterance.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).SelectMany(kind =>
            kind.GroupBy(o => o.Utterance.Lang).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(lang => (kind.Key, lang.Key, lang.Count(o => o.Right), lang.Count()))
                .Append((kind.Key, "all", kind.Count(o => o.Right), kind.Count())));

    /// <summary>
    /// A miss that takes a value the customer did not mean (a wrong date, amount, choice or category; in a first message
    /// a fact kept that the message does not give, or gives otherwise), as against one that asks again or keeps fewer
    /// facts: the first kind can make a wrong decision, the second only costs a question. A reason read as "other" is
    /// asked again with the categories as buttons. A value read back before use counts as taken (the probe says yes).
    /// </summary>
    public static bool TookAWrongValue(CorpusOutcome miss)
    {
        if (miss.Utterance.Kind != "first")
        {
            return miss.Reading.Taken is not ("ask" or "other") && !(miss.Reading.Taken == "question" && miss.Reading.Beside is null);
        }

        var expected = JsonNode.Parse(miss.Utterance.Expect.GetRawText()) as JsonObject ?? [];
        var kept = JsonNode.Parse(miss.Reading.Taken) as JsonObject ?? [];
        return kept.Any(fact => expected[fact.Key]?.ToJsonString() != fact.Value?.ToJsonString() && !(fact.Key == "reason" && fact.Value?.GetValue<string>() == "other"));
    }

    /// <summary>The split nobody may tune on: its report gives the totals only, never an utterance.</summary>
    public const string SealedSplit = "test";

    /// <summary>A table of the accuracies, then every miss with what the bot took (none for the sealed test split).</summary>
    public static string Format(string split, IReadOnlyList<CorpusOutcome> outcomes)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{split}: {outcomes.Count(o => o.Right)}/{outcomes.Count} understood");
        report.AppendLine("kind       lang  right/total  accuracy");
        foreach (var (kind, language, right, total) in Accuracy(outcomes))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{kind,-10} {language,-5} {right,5}/{total,-5}  {100.0 * right / total,6:0.0} %");
        }

        var misses = outcomes.Where(o => !o.Right).ToList();
        var wrong = misses.Where(TookAWrongValue).ToList();
        var wrongKinds = string.Join(", ", wrong.GroupBy(o => o.Utterance.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        report.AppendLine(CultureInfo.InvariantCulture,
            $"misses: {misses.Count - wrong.Count} ask again or keep fewer facts, {wrong.Count} take a wrong value{(wrong.Count == 0 ? "" : $" ({wrongKinds})")}");
        foreach (var miss in misses.Where(_ => split != SealedSplit))
        {
            var expected = Scalar(miss.Utterance.Expect);
            var value = miss.Utterance.Value is { } v && Scalar(v) is { } given ? $" + {given}" : "";
            report.AppendLine(CultureInfo.InvariantCulture,
                $"MISS {miss.Utterance.Id} [{miss.Utterance.Policy}/{miss.Utterance.Fact}] “{miss.Utterance.Text}”: expected {expected}{value}, took {miss.Reading}");
        }

        return report.ToString();
    }
}
