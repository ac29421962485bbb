using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Cases;

/// <summary>An agent's check of a document the customer sent for a case (a receipt): accepted, or rejected with a reason.</summary>
public static class DocumentChecks
{
    /// <summary>The longest reason an agent may give for a rejection (it is told to the customer).</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// The document fact's file accepted (verified) or rejected, by an agent: the value keeps the same file with the
    /// new status, its source is the agent (a status is not a correction of the customer's value: the file is the one
    /// they sent), and the check is noted in the history with the reason. Null when the actor is not an agent, the case
    /// is final, or the fact is not a document resting on a file.
    /// </summary>
    public static RefundCase? WithDocumentChecked(this RefundCase refundCase, string factId, CaseActor agent, DateTimeOffset at, bool accepted, string? reason)
    {
        if (!agent.IsAgent || CaseLifecycle.IsFinal(refundCase.Status) || !refundCase.Facts.TryGetValue(factId, out var given)
            || DocumentEvidence.Parse(given) is not { Sha256: not null } document)
        {
            return null;
        }

        var facts = new Dictionary<string, string>(refundCase.Facts) { [factId] = document.As(accepted ? DocumentStatus.Verified : DocumentStatus.Rejected).Text };
        var sources = new Dictionary<string, FactSource>(refundCase.FactSources) { [factId] = new(FactSource.Agent, at, agent.Id, agent.Name) };
        return (refundCase with { Facts = facts, FactSources = sources })
            .Note(agent, at, accepted ? $"document accepted: {factId}" : $"document rejected: {factId}: {reason}");
    }

    /// <summary>The engine's decision once a document was rejected, by the agent who rejected it; null when the lifecycle refuses it.</summary>
    public static RefundCase? WithDecisionAfterRejection(this RefundCase refundCase, Decision decision, CaseActor agent, DateTimeOffset at) =>
        refundCase.TryMove(CaseStatus.Decided, agent, at, $"engine, after the document's rejection: {OutcomeKeys.Of(decision.Outcome)} (rule {decision.RuleId})") is { } moved
            ? moved with { Decision = CaseDecision.From(decision) }
            : null;

    /// <summary>The case's document facts that rest on a file no agent has checked yet.</summary>
    public static IEnumerable<string> UncheckedDocuments(this RefundCase refundCase, Policy policy) =>
        refundCase.Facts.Where(f => policy.Fact(f.Key)?.Type == FactType.Document && DocumentEvidence.Parse(f.Value)?.Status == DocumentStatus.Received)
            .Select(f => f.Key);
}
