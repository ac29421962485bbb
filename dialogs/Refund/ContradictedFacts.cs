using System.Text.Json;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Prompts;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// An answer that says otherwise than an earlier one: "Did you receive hardware?" yes, then "no, i never got any
/// equipment" to "Can you return it in its original packaging?". The policy's words that state a boolean fact
/// (<see cref="FactDefinition.SaidTrue"/>, <see cref="FactDefinition.SaidFalse"/>) are read in every later answer, as
/// whole words and never when negated (<see cref="ChoiceRecognizer"/>); only the customer's own answers are held
/// against them (an order record's facts are not theirs to contradict in passing). Pure: no I/O.
/// </summary>
internal static class ContradictedFacts
{
    /// <summary>The first fact the customer answered before that <paramref name="answer"/> (to <paramref name="asked"/>) states otherwise, or null.</summary>
    public static FactDefinition? In(Policy policy, string asked, string answer, JsonObject known, JsonObject? sources, string language) =>
        policy.Facts.FirstOrDefault(fact => fact.Type == FactType.Boolean && fact.Id != asked
            && known[fact.Id]?.GetValue<string>() is { } given && IsCustomers(sources, fact.Id)
            && Stated(fact, answer, language) is { } stated && stated != given);

    /// <summary>"true" or "false" when the answer states the fact in the policy's words (one side only), else null.</summary>
    internal static string? Stated(FactDefinition fact, string answer, string language)
    {
        var sides = new[] { Side("true", fact.SaidTrue, language), Side("false", fact.SaidFalse, language) }.OfType<Choice>().ToList();
        return sides.Count == 0 ? null : ChoiceRecognizer.Read(answer, sides).Choice?.Value;
    }

    /// <summary>One side's words as a hidden choice: typed only, never selected by a button's number.</summary>
    private static Choice? Side(string value, Dictionary<string, List<string>> said, string language) =>
        said.TryGetValue(language, out var words) && words is [var first, .. var rest]
            ? new Choice(value, first, rest) { Hidden = true }
            : null;

    private static bool IsCustomers(JsonObject? sources, string id) =>
        sources?[id]?.Deserialize<FactSource>(Runtime.ActivityJson.Options)?.Source == FactSource.Customer;
}
