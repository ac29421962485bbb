using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// "why?" / "pourquoi ?" and "that's not fair" / "c'est injuste" once this conversation's request is decided and
/// nothing is under way. The why gets the decision's reason again: the explanation of the rule the case records, in
/// the policy's words, with the sections it cites, when the case records the version of the policy that decided it and
/// it is still the one in force (else the case's state as the status look-up says it). A dispute is heard: the decision
/// stands, and a person can look at it again; it is said to follow the policy only when the bot decided it. A message
/// with an order ID is a request, not a follow-up ("not fair, I was charged twice for SD-9002"). Both began a new
/// intake ("What is your order ID?"), and "that's not fair" was then read as a wrong order ID.
/// </summary>
internal sealed class DecisionFollowUpInterruption(
    IntentPhrases intents, OrderIdRecognizer orderIds, CaseStore cases, PolicySelector policies, CaseStatusPresenter presenter) : IInterruption
{
    public async Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        var why = intents.Matches(IntentPhrases.DecisionWhy, foldedText);
        if (dc.ActiveDialog is not null || (!why && !intents.Mentions(IntentPhrases.DecisionDispute, foldedText))
            || orderIds.Find(dc.Turn.Activity.Text ?? "") is not null)
        {
            return InterruptionOutcome.NotHandled;
        }

        var turn = dc.Turn;
        var decided = (await cases.OfConversationAsync(turn, cancellationToken))
            .Where(c => c.Decision is not null || CaseLifecycle.IsAgentDecided(c.Status))
            .MaxBy(c => c.CreatedAt);
        if (decided is null)
        {
            return InterruptionOutcome.NotHandled;
        }

        var text = why ? Why(decided, policies.PolicyOf(turn), turn)
            : turn.Text(decided.Status == CaseStatus.Decided ? "decision.disputed" : "decision.disputedPerson", ("caseId", decided.Id));
        turn.Send(text, [turn.Text("prompt.talkToPerson")]);
        return InterruptionOutcome.Done;
    }

    private string Why(RefundCase decided, Policy policy, TurnContext turn)
    {
        var explanation = decided is { Status: CaseStatus.Decided, Decision: { RuleId: { } ruleId, PolicyVersion.Hash: { } hash } }
            && hash == policy.Version.Hash
                ? policy.Rules.FirstOrDefault(r => r.Id == ruleId)?.Explanation.In(turn.Language)
                : null;
        return string.IsNullOrWhiteSpace(explanation)
            ? presenter.Present(decided, policy, turn) + "\n\n" + turn.Text("decision.whyPerson")
            : turn.Text("decision.why", ("caseId", decided.Id), ("explanation", explanation),
                ("citations", DecisionPresenter.Citations(turn.Texts, policy, decided.Decision!.Sections, turn.Language)));
    }
}
