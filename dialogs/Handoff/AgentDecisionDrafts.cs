using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// A message the desk prefills for one outcome, with where it is taken from: the policy's canned reply
/// (<see cref="File"/>, desk-replies.yaml), else a rule's explanation (<see cref="RuleId"/>, <see cref="Section"/>).
/// </summary>
public sealed record AgentMessageDraft(string Text, string? RuleId, string? Section, string? File = null);

/// <summary>
/// The messages the desk's decision form starts from, in the customer's language and in the policy's own words: the
/// policy's canned reply for the outcome (desk-replies.yaml); without one, for the outcome the bot decided too, the
/// explanation of the rule it applied, and for another outcome, the explanation of the policy's first rule with that
/// outcome (the desk names the rule, so the agent checks it fits before sending). Pure.
/// </summary>
public static class AgentDecisionDrafts
{
    public static IReadOnlyList<string> Outcomes => AgentOutcomes.All;

    public static IReadOnlyDictionary<string, AgentMessageDraft> For(Policy policy, RefundCase refundCase) =>
        AgentOutcomes.All.ToDictionary(outcome => outcome, outcome => Draft(policy, refundCase, outcome));

    private static AgentMessageDraft Draft(Policy policy, RefundCase refundCase, string outcome)
    {
        if (policy.DeskReplies.FirstOrDefault(r => r.Outcome == outcome) is { } reply)
        {
            return new AgentMessageDraft(reply.Text.In(refundCase.Language), null, null, PolicyLoader.DeskRepliesFile);
        }

        var wanted = outcome switch
        {
            AgentOutcomes.Approve or AgentOutcomes.Partial => RuleOutcome.Refund,
            AgentOutcomes.Deny => RuleOutcome.Denied,
            _ => RuleOutcome.AlternativeOffered,
        };
        var decided = policy.Rules.FirstOrDefault(r => r.Id == refundCase.Decision?.RuleId);
        var rule = decided?.Outcome == wanted && decided.Explanation.Count > 0
            ? decided
            : policy.Rules.FirstOrDefault(r => r.Outcome == wanted && r.Explanation.Count > 0);
        return rule is null
            ? new AgentMessageDraft("", null, null)
            : new AgentMessageDraft(rule.Explanation.In(refundCase.Language), rule.Id, rule.Section);
    }
}
