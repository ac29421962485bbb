using System.Text.Json;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// The desk's check of a document the customer sent (<see cref="DocumentChecker"/>), as a turn of the case's
/// conversation, like <see cref="VerificationTurns"/>: the fact's new status, the case's move and the customer's
/// message are one commit. Accepted: when it was the last thing the provisional refund waited for, the refund stands
/// and the customer is told so with the amount and the timeline; otherwise they are told the file is accepted and
/// what is still checked. Rejected: the engine decides again on the rejected document (the policy's rule denies a
/// refund without a valid proof) and the customer is told the reason and the decision; where the case is a person's to
/// decide, it stays theirs and the customer is told so.
/// </summary>
internal sealed partial class DocumentCheckTurns(CaseStore cases, PolicyCatalog policies, Escalation escalation, BotTexts texts, ILogger<DocumentCheckTurns> logger)
{
    public async Task OnEventAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var value = turn.Activity.Value is { ValueKind: JsonValueKind.Object } json ? json.Deserialize<DocumentCheck>(ActivityJson.Options) : null;
        if (value is null || await cases.FindAsync(turn, value.CaseId, cancellationToken) is not { PolicyId: { } policyId } refundCase
            || policies.Find(policyId) is not { } policy || policy.Fact(value.FactId) is not { Type: FactType.Document } fact)
        {
            return;
        }

        var agent = CaseActor.Agent(value.AgentId, value.AgentName);
        if (refundCase.WithDocumentChecked(value.FactId, agent, turn.Now, value.Accepted, value.Reason) is not { } checkedCase)
        {
            return;
        }

        var label = fact.Label.Count > 0 ? fact.Label.In(turn.Language) : fact.Id;
        label = char.ToLower(label[0], turn.Culture) + label[1..]; // in a sentence: "your proof of purchase"
        if (value.Accepted)
        {
            Accepted(turn, policy, checkedCase, agent, label);
        }
        else
        {
            await RejectedAsync(dc, policy, checkedCase, agent, label, value.Reason ?? "", cancellationToken);
        }
    }

    private void Accepted(TurnContext turn, Policy policy, RefundCase checkedCase, CaseActor agent, string label)
    {
        if (checkedCase.ConfirmVerified(policy, agent, turn.Now) is { } confirmed)
        {
            cases.Save(turn, confirmed);
            turn.Send(turn.Text("document.accepted", ("document", label)) + "\n\n" + VerificationTurns.Confirmed(confirmed, policy, turn, texts));
            CaseNotifications.Notify(turn, confirmed, CaseNotifications.Decided);
            LogChecked(logger, checkedCase.Id, true, confirmed.Status);
            return;
        }

        cases.Save(turn, checkedCase);
        var next = checkedCase.Status == CaseStatus.AwaitingVerification ? "document.acceptedMoreChecks" : "document.acceptedPersonDecides";
        turn.Send(turn.Text("document.accepted", ("document", label)) + " " + turn.Text(next, ("caseId", checkedCase.Id)));
        LogChecked(logger, checkedCase.Id, true, checkedCase.Status);
    }

    private async Task RejectedAsync(DialogContext dc, Policy policy, RefundCase checkedCase, CaseActor agent, string label, string reason, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var rejection = turn.Text("document.rejected", ("document", label), ("reason", CustomerText.Quoted(reason)));
        var decision = EligibilityEngine.Decide(policy, Read(policy, checkedCase.Facts), new DecisionInstants(checkedCase.RequestInstant, turn.Now));
        if (checkedCase.Status == CaseStatus.AwaitingVerification && decision.Outcome == Outcome.Denied
            && checkedCase.WithDecisionAfterRejection(decision, agent, turn.Now) is { } decided)
        {
            cases.Save(turn, decided);
            var explanation = policy.Rules.First(r => r.Id == decision.RuleId).Explanation.In(turn.Language);
            turn.Send($"{rejection}\n\n**{explanation}**\n\n{turn.Text("verification.recorded", ("caseId", decided.Id))}");
            CaseNotifications.Notify(turn, decided, CaseNotifications.Decided);
            LogChecked(logger, checkedCase.Id, false, decided.Status);
            return;
        }

        // The rejection leaves the case to a person (it waits for one already, or the policy does not deny without the
        // document): the conversation joins the agents' queue unless a person has it.
        cases.Save(turn, checkedCase);
        turn.Send(rejection + " " + turn.Text("document.acceptedPersonDecides", ("caseId", checkedCase.Id)));
        if (turn.State.Handoff is null && checkedCase.Status == CaseStatus.AwaitingVerification)
        {
            await escalation.EscalateAsync(dc, HandoffReasons.HumanReview, checkedCase.Id, cancellationToken);
        }

        LogChecked(logger, checkedCase.Id, false, checkedCase.Status);
    }

    private static FactValues Read(Policy policy, IReadOnlyDictionary<string, string> facts) =>
        new(facts.Select(f => (f.Key, Value: policy.Fact(f.Key) is { } fact ? FactReader.Read(fact, f.Value, out _) : null))
            .Where(f => f.Value is not null)
            .ToDictionary(f => f.Key, f => f.Value!));

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: an agent checked a document (accepted: {Accepted}); the case is {Status}; the customer was told")]
    private static partial void LogChecked(ILogger logger, string caseId, bool accepted, string status);
}
