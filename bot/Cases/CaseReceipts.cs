using System.Text.Json;
using RefundBot.Bot.Eligibility;
using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.Cases;

/// <summary>Why a case has no receipt.</summary>
public enum ReceiptUnavailable
{
    None,

    /// <summary>The engine has not decided the case.</summary>
    NotDecided,

    /// <summary>Decided before decisions recorded their policy version, facts and instants.</summary>
    DecidedBeforeReceipts,

    /// <summary>The store does not have the version the case was decided under (or it no longer loads).</summary>
    VersionNotKept,
}

/// <summary>
/// Builds a case's <see cref="CaseReceipt"/>: loads the policy version the case was decided under (the one served now,
/// or a published one from the store), runs the engine again on the recorded facts and instants to get the rules it
/// tried, and checks that it gives the decision the case recorded.
/// </summary>
public sealed class CaseReceipts(PolicyVersions versions)
{
    /// <summary>How receipts are written (and decisions compared): the eligibility API's JSON.</summary>
    public static JsonSerializerOptions Json => EligibilityApi.Json;

    private const string DeskLanguage = "en";

    public async Task<(CaseReceipt? Receipt, ReceiptUnavailable Why)> BuildAsync(RefundCase refundCase, CancellationToken cancellationToken)
    {
        if (refundCase is not { PolicyId: { } policyId, Decision: { } recorded })
        {
            return (null, ReceiptUnavailable.NotDecided);
        }

        if (recorded is not { PolicyVersion: { } version, Facts: { } facts, RequestedAt: { } requestedAt, DecidedAt: { } decidedAt })
        {
            return (null, ReceiptUnavailable.DecidedBeforeReceipts);
        }

        if (await versions.FindAsync(policyId, version.Hash, cancellationToken) is not { } policy)
        {
            return (null, ReceiptUnavailable.VersionNotKept);
        }

        var instants = new DecisionInstants(requestedAt, decidedAt);
        var trace = EligibilityEngine.Explain(policy, Values(policy, facts), instants);
        var again = Again(trace.Decision, policy, facts, instants);
        var reproduced = JsonSerializer.Serialize(again, Json) == JsonSerializer.Serialize(recorded, Json);
        return (new CaseReceipt(
            refundCase.Id, refundCase.OrderId, refundCase.Language, refundCase.Status,
            new ReceiptPolicy(policy.Id, policy.Business, version.Hash, version.Label, policy.Currency, policy.TimeZone, policy.SourceLanguage),
            new ReceiptInstants(requestedAt, decidedAt),
            facts.Select(f => Fact(refundCase, policy, f.Key, f.Value)).ToList(),
            trace.RulesTried,
            trace.DecidedBy?.RuleId,
            recorded,
            reproduced,
            trace.Decision.Explanation,
            recorded.Breakdown,
            recorded.Sections.Select(id => Section(policy, id)).ToList(),
            refundCase.AgentDecision is { } agent ? new ReceiptAgentDecision(agent.Outcome, agent.Amount, agent.Currency, agent.AgentName, agent.At) : null), ReceiptUnavailable.None);
    }

    /// <summary>The decision as a case records it, made again from <paramref name="facts"/> and <paramref name="instants"/> under <paramref name="policy"/>.</summary>
    public static CaseDecision Again(Decision decision, Policy policy, IReadOnlyDictionary<string, string> facts, DecisionInstants instants) =>
        CaseDecision.From(decision, policy.Version, facts, instants);

    /// <summary>The facts as the engine reads them, the way the conversation read them when it decided (a value the policy cannot read is left out).</summary>
    public static FactValues Values(Policy policy, IReadOnlyDictionary<string, string> facts)
    {
        var values = new Dictionary<string, object>();
        foreach (var (id, text) in facts)
        {
            if (policy.Fact(id) is { } fact && FactReader.Read(fact, text, out _) is { } value)
            {
                values[id] = value;
            }
        }

        return new FactValues(values);
    }

    private static ReceiptFact Fact(RefundCase refundCase, Policy policy, string id, string value)
    {
        var fact = policy.Fact(id);
        var label = fact is null ? id : fact.Label.Count > 0 ? fact.Label.In(DeskLanguage) : fact.Question.Count > 0 ? fact.Question.In(DeskLanguage) : id;
        var now = refundCase.Facts.GetValueOrDefault(id);
        return new ReceiptFact(id, label, value, refundCase.SourceOf(id), now is not null && now != value ? now : null);
    }

    private static ReceiptSection Section(Policy policy, string id) =>
        new(id, policy.Texts
            .Where(t => t.Value.Section(id) is not null)
            .OrderBy(t => t.Key == policy.SourceLanguage ? 0 : 1)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(t => t.Key, t => new ReceiptSectionText(t.Value.Section(id)!.Heading, t.Value.Section(id)!.Body)));
}
