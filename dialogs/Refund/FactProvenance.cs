using System.Text.Json;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Where the facts a conversation gathers come from, kept beside them in the dialog's state (<c>{ id: FactSource }</c>)
/// and recorded on the case with its decision: the order record's facts as such, every other one as the customer's
/// (typed, chosen, or read from their words and confirmed). Pure: no I/O.
/// </summary>
internal static class FactProvenance
{
    /// <summary>The sources of the intake's facts, confirmed by the customer at <paramref name="at"/>: those the order record gave are its.</summary>
    public static JsonObject OfIntake(JsonObject facts, JsonObject? recorded, DateTimeOffset at)
    {
        var sources = new JsonObject();
        foreach (var (id, _) in facts)
        {
            // The order record's purchase date replaces the customer's (the intake tells them when they differ).
            var fromRecord = recorded is not null && (recorded[id] is not null || id == PolicyFacts.PurchaseDate);
            sources[id] = Node(new FactSource(fromRecord ? FactSource.OrderRecord : FactSource.Customer, at));
        }

        return sources;
    }

    /// <summary>The customer gave <paramref name="id"/> (an answer, or a value read from their words they confirmed), as a <paramref name="bound"/> of it if one.</summary>
    public static void GivenByCustomer(JsonObject sources, string id, DateTimeOffset at, string? bound = null) =>
        sources[id] = Node(new FactSource(FactSource.Customer, at, Bound: bound));

    /// <summary>
    /// The sources to record on the case for <paramref name="facts"/>: the conversation's, and what an agent verified on
    /// the case before (kept while the value is the one they verified); a fact the conversation did not gather again keeps
    /// the source the case recorded for it (a case carried on from, see <see cref="EarlierCases"/>); any other is the customer's.
    /// </summary>
    public static Dictionary<string, FactSource> ForCase(RefundCase refundCase, IReadOnlyDictionary<string, string> facts, JsonObject? sources, DateTimeOffset at)
    {
        var result = new Dictionary<string, FactSource>();
        foreach (var (id, value) in facts)
        {
            var earlier = refundCase.FactSources.GetValueOrDefault(id);
            var unchanged = earlier is not null && refundCase.Facts.GetValueOrDefault(id) == value;
            result[id] = earlier is { Source: FactSource.Agent } && unchanged
                ? earlier
                : sources?[id]?.Deserialize<FactSource>(ActivityJson.Options)
                    ?? (unchanged ? earlier! : new FactSource(FactSource.Customer, at)); // a case carried on from keeps its facts' sources
        }

        return result;
    }

    /// <summary>
    /// A refund the engine decided on facts the policy wants verified (<see cref="Policy.Verify"/>) that only the customer
    /// gave: it is worded as provisional, and the case waits for the team's check.
    /// </summary>
    public static bool IsProvisional(Decision decision, Policy policy, RefundCase decided) =>
        decision.Outcome is Outcome.FullRefund or Outcome.PartialRefund && decided.Unverified(policy).Count > 0;

    private static JsonNode Node(FactSource source) => JsonSerializer.SerializeToNode(source, ActivityJson.Options)!;
}
