using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// A file that comes once the conversation's latest case was decided without its document (the policy's window
/// closed with none): it is kept, and the customer is told plainly that it does not change that decision, and how to
/// reach a person.
/// </summary>
internal static class LateFiles
{
    public static async Task TryReplyAsync(CaseStore cases, PolicySelector policies, TurnContext turn, CancellationToken cancellationToken)
    {
        if (!ReceivedFiles.Of(turn.Activity).Any(f => f.IsStored))
        {
            return;
        }

        var policy = policies.PolicyOf(turn);
        var latest = (await cases.ForConversationAsync(StateKeys.Conversation(turn.Activity), cancellationToken)).MaxBy(c => c.CreatedAt);
        if (latest is not { Decision: not null } || latest.PolicyId != policy.Id || !MissedDocument(policy, latest))
        {
            return;
        }

        var facts = EligibilityDialog.ReadFacts(policy, new JsonObject(latest.Facts.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value)))));
        if (DocumentWindow.LastDay(policy, facts) is { } lastDay)
        {
            turn.Send(turn.Text("document.afterDecision", ("date", DatePrompt.InWords(turn, lastDay)), ("caseId", latest.Id)));
        }
    }

    private static bool MissedDocument(Policy policy, RefundCase refundCase) =>
        refundCase.Facts.Any(f => policy.Fact(f.Key)?.Type == FactType.Document && f.Value == DocumentEvidence.Missing.Text);
}
