using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// What the bot says of a case an agent decided when the conversation comes back to it: the decision stands, with its
/// outcome and, where the agent recorded one, the amount; the bot never asks for facts or decides again on that case.
/// </summary>
internal static class AgentDecisionConfirmation
{
    /// <summary>Whether the bot has nothing left to do on the case: an agent decided it, or it is final.</summary>
    public static bool IsSettled(RefundCase refundCase) =>
        refundCase.AgentDecision is not null || CaseLifecycle.IsAgentDecided(refundCase.Status) || CaseLifecycle.IsFinal(refundCase.Status);

    /// <summary>"To confirm: Alice approved a refund of €20.00 on your case RB-…"; null when no agent decided the case.</summary>
    public static string? Text(TurnContext turn, RefundCase refundCase)
    {
        if (refundCase.AgentDecision is not { } decision)
        {
            return null;
        }

        var agent = ("agent", (object?)decision.AgentName);
        var caseId = ("caseId", (object?)refundCase.Id);
        return decision is { Amount: { } amount, Currency: { } currency } && AgentOutcomes.Refunds(decision.Outcome)
            ? turn.Text("handoff.standing.approveAmount", agent, caseId, ("amount", Money.Format(amount, currency, turn.Culture)))
            : turn.Text($"handoff.standing.{(AgentOutcomes.Refunds(decision.Outcome) ? AgentOutcomes.Approve : decision.Outcome)}", agent, caseId);
    }
}
