using System.Text.Json.Nodes;
using RefundBot.Dialogs.Refund;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// The facts an extractor may read from a message, as JSON: the intake's three and the policy's own declared facts
/// (id, type, question, choices, unit), so that what it returns is already in the policy's fact schema.
/// Facts no recognizer can confirm from the customer's words (yes/no, times) are left out: they are always asked.
/// </summary>
public static class FactSchema
{
    public static JsonObject For(Policy policy, string language)
    {
        var facts = new JsonObject
        {
            [IntakeFacts.OrderId] = Describe("text", "The order number or id, exactly as written."),
            [IntakeFacts.PurchaseDate] = Describe("date", "When the order was bought (yyyy-MM-dd)."),
            [IntakeFacts.Reason] = Describe("text", "Why the customer wants a refund, in their own words."),
        };
        foreach (var fact in policy.Facts.Where(Confirmable))
        {
            var described = Describe(fact.Type.ToString().ToLowerInvariant(), fact.Question.In(language));
            if (fact.Unit is { } unit)
            {
                described["unit"] = unit.ToString().ToLowerInvariant();
            }

            if (fact.Choices.Count > 0)
            {
                described["choices"] = new JsonArray([.. fact.Choices.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["label"] = c.Label.In(language) })]);
            }

            facts[fact.Id] = described;
        }

        return facts;
    }

    /// <summary>Whether a policy fact has a recognizer that can confirm it from the customer's words.</summary>
    public static bool Confirmable(FactDefinition fact) =>
        fact.Type is FactType.Choice or FactType.Money or FactType.Number or FactType.Integer or FactType.Date
        && fact.Id is not (PolicyFacts.PurchaseDate or PolicyFacts.ReasonCategory or PolicyFacts.TroubleshootingOutcome);

    private static JsonObject Describe(string type, string description) => new() { ["type"] = type, ["description"] = description };
}
