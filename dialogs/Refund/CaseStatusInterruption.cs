using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// "Where is my refund?", "what's the status of my case RB-N52E7WND?", "statut de mon dossier", at any step: answered
/// from the case, then the interrupted question is asked again. It never begins an intake and gives the intake nothing
/// ("earlier today" in it is no purchase date). A case of this conversation is answered directly; any other case only
/// once the customer gives its id with its order id. A wrong pair, an unknown case id and another business's case get
/// the same answer, so that nothing tells whether a case exists; after <see cref="CaseLookupState.TriesBeforeLock"/>
/// wrong pairs a person is offered and no further pair is checked in the conversation. A proven open case moves to this
/// conversation (the customer is here now: the first tab was closed); when the proof answered a refund request's
/// question (<see cref="EarlierCases"/>), the request carries on from the case as from this conversation's own.
/// </summary>
internal sealed partial class CaseStatusInterruption(
    IntentPhrases intents, OrderIdRecognizer orderIds, CaseStore cases, PolicySelector policies, CaseStatusPresenter presenter,
    ILogger<CaseStatusInterruption> logger) : IInterruption
{
    public async Task<InterruptionOutcome> TryHandleAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var text = turn.Activity.Text ?? "";
        var lookup = turn.State.Get(CaseLookupState.Slot);
        var caseId = CaseIdRecognizer.Find(text);
        var orderId = orderIds.Find(CaseIdRecognizer.Without(text));
        if (caseId is null && !intents.Mentions(IntentPhrases.CaseStatus, foldedText))
        {
            // The order id asked for as proof; anything else goes on to the conversation, and the question lapses.
            if (lookup.CaseIdAwaitingProof is { } awaiting && orderId is not null)
            {
                return await CheckProofAsync(dc, lookup, awaiting, orderId, cancellationToken);
            }

            // A refund request for an order with an open case waits for its case id: "i don't have one", "what?" get
            // what can be done (the case id, or a person), never the intake again from its order question. Another
            // order id starts a request for that order.
            if (lookup.RequestAwaitingCase && lookup.OrderIdAwaitingCase is { } awaited && (orderId is null || orderId == awaited))
            {
                turn.Send(turn.Text("order.noCaseId", ("orderId", awaited)), [turn.Text("prompt.talkToPerson")]);
                return InterruptionOutcome.Done;
            }

            lookup.StopAwaiting();
            return InterruptionOutcome.NotHandled;
        }

        if (caseId is null)
        {
            return await AnswerOwnCaseAsync(dc, lookup, orderId, cancellationToken);
        }

        if (await cases.FindAsync(turn, caseId, cancellationToken) is { } known && IsOwn(turn, known))
        {
            return Answer(dc, lookup, known);
        }

        if (lookup.Locked)
        {
            return Locked(dc);
        }

        if ((orderId ?? lookup.OrderIdAwaitingCase) is { } proof)
        {
            return await CheckProofAsync(dc, lookup, caseId, proof, cancellationToken);
        }

        lookup.CaseIdAwaitingProof = caseId;
        turn.Send(turn.Text("status.askOrderId", ("caseId", caseId)));
        return InterruptionOutcome.Done;
    }

    /// <summary>"Where is my refund?" without a case id: this conversation's case (for the order named, if one is), else ask for the id.</summary>
    private async Task<InterruptionOutcome> AnswerOwnCaseAsync(DialogContext dc, CaseLookupState lookup, string? orderId, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var own = await cases.OfConversationAsync(turn, cancellationToken);
        var latest = own.Where(c => orderId is null || c.OrderId == orderId).MaxBy(c => c.CreatedAt);
        if (latest is not null)
        {
            return Answer(dc, lookup, latest);
        }

        if (lookup.Locked)
        {
            return Locked(dc);
        }

        lookup.OrderIdAwaitingCase = orderId;
        lookup.RequestAwaitingCase = false;
        turn.Send(turn.Text("status.askCaseId"));
        return InterruptionOutcome.Done;
    }

    private async Task<InterruptionOutcome> CheckProofAsync(DialogContext dc, CaseLookupState lookup, string caseId, string orderId, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var carryOn = lookup.RequestAwaitingCase && lookup.OrderIdAwaitingCase == orderId;
        lookup.StopAwaiting();
        if (lookup.Locked)
        {
            return Locked(dc);
        }

        var policy = policies.PolicyOf(turn);
        if (await cases.FindAsync(turn, caseId, cancellationToken) is { } refundCase && refundCase.PolicyId == policy.Id && refundCase.OrderId == orderId)
        {
            return await ProvenAsync(dc, lookup, refundCase, carryOn, cancellationToken);
        }

        lookup.WrongTries++;
        if (lookup.Locked)
        {
            LogLocked(logger, lookup.WrongTries);
            return Locked(dc);
        }

        turn.Send(turn.Text("status.notFound"));
        return InterruptionOutcome.Resume;
    }

    /// <summary>
    /// The customer proved the case: an open one moves here (its follow-up and the desk then reach this conversation),
    /// then it is shown, or the refund request that asked for it carries on from it (<see cref="EarlierCases"/>).
    /// </summary>
    private async Task<InterruptionOutcome> ProvenAsync(
        DialogContext dc, CaseLookupState lookup, RefundCase refundCase, bool carryOn, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        if (CaseLifecycle.IsOpen(refundCase.Status) && !IsOwn(turn, refundCase))
        {
            cases.Save(turn, refundCase.MovedTo(StateKeys.Conversation(turn.Activity),
                turn.State.Reference ?? ConversationReference.From(turn.Activity), turn.Now));
            LogMoved(logger, refundCase.Id);
            if (carryOn)
            {
                dc.CancelAllDialogs();
                await dc.BeginDialogAsync(RefundIntakeDialog.DialogId, new JsonObject { [IntakeFacts.OrderId] = refundCase.OrderId }, cancellationToken);
                return InterruptionOutcome.Done;
            }
        }

        return Answer(dc, lookup, refundCase);
    }

    private InterruptionOutcome Answer(DialogContext dc, CaseLookupState lookup, RefundCase refundCase)
    {
        lookup.StopAwaiting();
        dc.Turn.Send(presenter.Present(refundCase, policies.PolicyOf(dc.Turn), dc.Turn));
        return InterruptionOutcome.Resume;
    }

    /// <summary>No more tries in this conversation: a person can help, and the button says so.</summary>
    private static InterruptionOutcome Locked(DialogContext dc)
    {
        dc.Turn.Send(dc.Turn.Text("status.locked"), [dc.Turn.Text("prompt.talkToPerson")]);
        return InterruptionOutcome.Resume;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} proven by its case id and order id from another conversation: it continues there")]
    private static partial void LogMoved(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case look-up locked in a conversation after {WrongTries} wrong case id and order id pairs")]
    private static partial void LogLocked(ILogger logger, int wrongTries);

    /// <summary>A case recorded from this very conversation: whoever writes here asked for it.</summary>
    public static bool IsOwn(TurnContext turn, RefundCase refundCase) =>
        refundCase.ConversationKey == StateKeys.Conversation(turn.Activity);
}
