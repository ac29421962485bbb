using System.Globalization;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// One open case per order: when the intake learns the order, a case still open for it under this business's policy
/// is carried on from instead of recording a second one. This conversation's own case is shown (id, state, decision
/// with its amount) and continued: one still gathering facts goes on to its decision, one waiting for support waits on
/// (its follow-up question asked at once when the deadline has passed), a decided one is restated with "anything
/// else?", one in a person's hands says a person will decide. A case open in another conversation is never said to
/// exist: whoever typed the order id may not be its customer. The bot asks for the case id in words that are true
/// whether or not there is one, and offers a person otherwise; once the case id proves the case
/// (<see cref="CaseStatusInterruption"/>), it moves to this conversation and is carried on from as this conversation's
/// own. Cases of another business's order with the same id are not this one's. A final case lets the new request go
/// on; the customer is told of it only when it is this conversation's (a final case elsewhere goes unsaid).
/// </summary>
internal sealed class EarlierCases(CaseStore cases, PolicySelector policies, CaseStatusPresenter presenter)
{
    /// <summary>Set once the customer was told of a final case for the order, so a corrected summary does not say it again.</summary>
    private const string EarlierSaidKey = "earlierCaseSaid";

    /// <summary>Where the intake goes instead of on, when the order has an open case; null: the intake goes on.</summary>
    public async Task<DialogTurnResult?> CarryOnAsync(WaterfallStepContext step, string orderId, CancellationToken cancellationToken)
    {
        var turn = step.Turn;
        var ours = await OursAsync(turn, orderId, cancellationToken);
        var open = ours.Where(c => CaseLifecycle.IsOpen(c.Status))
            .OrderByDescending(c => CaseStatusInterruption.IsOwn(turn, c)).ThenByDescending(c => c.CreatedAt).FirstOrDefault();
        if (open is null)
        {
            TellOfFinalCase(step, orderId, ours.MaxBy(c => c.CreatedAt));
            return null;
        }

        if (!CaseStatusInterruption.IsOwn(turn, open))
        {
            var lookup = turn.State.Get(CaseLookupState.Slot);
            lookup.OrderIdAwaitingCase = orderId;
            lookup.RequestAwaitingCase = true;
            turn.Send(turn.Text("order.caseNumberPlease", ("orderId", orderId)), [turn.Text("prompt.talkToPerson")]);
            return await step.EndAsync(cancellationToken: cancellationToken);
        }

        turn.Send(turn.Text("order.openCase", ("orderId", orderId)));
        turn.Send(presenter.Present(open, policies.PolicyOf(turn), turn));
        switch (open.Status)
        {
            case CaseStatus.Submitted or CaseStatus.TroubleshootingRequired:
                turn.Send(turn.Text("order.carryOn"));
                return await step.Dialog.ReplaceDialogAsync(EligibilityDialog.DialogId,
                    EligibilityDialog.Options(open.Id, Facts(step, open), open.Reason, sources: Sources(step, open)), cancellationToken);
            case CaseStatus.WaitingForSupport when open.WaitingUntil is { } until:
                // Waits on, and its follow-up question is asked at once if the deadline has passed.
                return await step.Dialog.ReplaceDialogAsync(EligibilityDialog.DialogId,
                    EligibilityDialog.Options(open.Id, Facts(step, open), open.Reason, waitingUntil: until, sources: Sources(step, open)), cancellationToken);
            case CaseStatus.WaitingForSupport or CaseStatus.HumanReview:
                return await step.EndAsync(cancellationToken: cancellationToken);
            default:
                turn.Send(turn.Text("handoff.anythingElse"));
                return await step.EndAsync(cancellationToken: cancellationToken);
        }
    }

    /// <summary>The order's cases under this conversation's policy, as this turn sees them.</summary>
    private async Task<List<RefundCase>> OursAsync(TurnContext turn, string orderId, CancellationToken cancellationToken)
    {
        var policyId = policies.PolicyOf(turn).Id;
        var ours = new List<RefundCase>();
        foreach (var recorded in await cases.ForOrderAsync(orderId, cancellationToken))
        {
            var current = await cases.FindAsync(turn, recorded.Id, cancellationToken) ?? recorded;
            if (current.OrderId == orderId
                && (current.PolicyId == policyId || (current.PolicyId is null && CaseStatusInterruption.IsOwn(turn, current))))
            {
                ours.Add(current);
            }
        }

        return ours;
    }

    private static void TellOfFinalCase(WaterfallStepContext step, string orderId, RefundCase? earlier)
    {
        var turn = step.Turn;
        if (earlier is null || !CaseStatusInterruption.IsOwn(turn, earlier) || step.Values[EarlierSaidKey]?.GetValue<string>() == earlier.Id)
        {
            return;
        }

        step.Values[EarlierSaidKey] = earlier.Id;
        turn.Send(turn.Text("order.earlierCase", ("orderId", orderId), ("caseId", earlier.Id), ("state", turn.Text($"status.state.{earlier.Status}"))));
    }

    /// <summary>
    /// Where the facts carried on come from: the order record's as its (a case still gathering has recorded no sources
    /// yet, and without these its record's facts would count as the customer's word: a provisional decision for nothing).
    /// </summary>
    private static JsonObject Sources(WaterfallStepContext step, RefundCase refundCase) =>
        FactProvenance.OfIntake(Facts(step, refundCase), step.Values[IntakeFacts.OrderFacts] as JsonObject, step.Turn.Now);

    /// <summary>What the case was decided on, with what the order record says now (the record wins), to decide it again.</summary>
    private static JsonObject Facts(WaterfallStepContext step, RefundCase refundCase)
    {
        var facts = step.Values[IntakeFacts.OrderFacts]?.DeepClone() as JsonObject ?? [];
        foreach (var (name, value) in refundCase.Facts)
        {
            facts[name] ??= value;
        }

        facts[PolicyFacts.PurchaseDate] ??= refundCase.PurchaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        facts[PolicyFacts.ReasonCategory] ??= refundCase.ReasonCategory;
        return facts;
    }
}
