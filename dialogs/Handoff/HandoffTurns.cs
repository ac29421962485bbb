using System.Text.Json;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Feedback;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Dialogs.Runtime.Transcripts;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Dialogs.Handoff;

/// <summary>The events the agent desk sends into a conversation, each run as an ordinary turn.</summary>
internal static class HandoffEvents
{
    public const string AgentJoined = "handoff.agentJoined";
    public const string AgentMessage = "handoff.agentMessage";
    public const string AgentDecision = "handoff.agentDecision";
    public const string HandBack = "handoff.handBack";
    public const string AgentLeft = "handoff.agentLeft";
    public const string LongWait = "handoff.longWait";
    public const string AgentNote = "handoff.agentNote";

    /// <summary>An event from the agent desk; one a channel delivers under such a name is not.</summary>
    public static bool IsHandoffEvent(Activity activity) =>
        activity is { IsRaisedByBot: true, Type: ActivityTypes.Event } && activity.Name?.StartsWith("handoff.", StringComparison.Ordinal) == true;
}

/// <summary>What the desk tells the conversation with an event.</summary>
internal sealed record HandoffEventValue(
    string AgentId, string AgentName, string? Text = null, string? CaseId = null, bool Close = false, AgentDecision? Decision = null);

/// <summary>
/// The conversation while a person is involved. Waiting in the queue, the customer is told where they stand and may
/// go back to the bot; once an agent owns the conversation, the bot stays silent and the customer's messages reach
/// the agent through the transcript. The desk's events (an agent joined, wrote, decided, left, handed back) become
/// the agent's words on the customer's own channel.
/// </summary>
internal sealed class HandoffTurns(
    HandoffQueue queue, CaseStore cases, IntentPhrases intents, PolicyCatalog policies, AgentDecisionPresenter presenter, SatisfactionSurvey survey,
    RefundRequests refunds, ClosedHandoffs closedHandoffs)
{
    /// <returns>True when the message belonged to the hand-off; false when the bot should carry on with it.</returns>
    public async Task<bool> OnCustomerMessageAsync(DialogContext dc, string foldedText, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        if (turn.State.Handoff is null)
        {
            return false;
        }

        var key = StateKeys.Conversation(turn.Activity);
        if (await queue.FindAsync(key, cancellationToken) is not { } ticket)
        {
            // Not reachable by the bot's own doing: a ticket is queued with the escalating turn's commit and removed with
            // the hand-back's (or the customer's leaving), so one missing was removed by hand: the bot takes over.
            turn.State.Handoff = null;
            return false;
        }

        // "back to the bot" always works, even with an agent; "cancel" only leaves the queue while nobody has joined.
        var leaving = intents.Matches(IntentPhrases.BackToBot, foldedText)
            || (ticket.Status == HandoffTicketStatus.Waiting && intents.Matches(IntentPhrases.Cancel, foldedText));
        if (leaving && await queue.TryRemoveAsync(turn, _ => true, cancellationToken) is { } left)
        {
            closedHandoffs.Record(turn, left, ClosedHandoffKinds.CustomerLeft);
            turn.State.Handoff = null;
            turn.Send(turn.Text("handoff.leftQueue"));
            await ResumeAsync(dc, cancellationToken);
            return true;
        }

        if (ticket.Status == HandoffTicketStatus.Waiting)
        {
            turn.Send(turn.Text("handoff.stillWaiting", ("position", await queue.PositionAsync(key, cancellationToken))));
        }

        return true;
    }

    public async Task OnEventAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var value = turn.Activity.Value is { ValueKind: JsonValueKind.Object } json
            ? json.Deserialize<HandoffEventValue>(ActivityJson.Options)
            : null;
        if (value is null || turn.State.Handoff is not { } handoff)
        {
            return;
        }

        var agent = ("agent", (object?)value.AgentName);
        switch (turn.Activity.Name)
        {
            case HandoffEvents.AgentJoined:
                turn.State.Handoff = handoff with { AgentName = value.AgentName };
                await NoteAgentJoinedAsync(turn, cancellationToken);
                turn.Send(turn.Text("handoff.agentJoined", agent));
                break;
            case HandoffEvents.AgentMessage when !string.IsNullOrWhiteSpace(value.Text):
                turn.Send(FromAgent(turn, value));
                break;
            case HandoffEvents.AgentDecision when value is { Decision: not null, CaseId: not null }:
                await RecordDecisionAsync(turn, value, cancellationToken);
                break;
            case HandoffEvents.AgentLeft:
                turn.State.Handoff = handoff with { AgentName = null };
                turn.Send(
                    turn.Text("handoff.agentLeft", agent, ("position", await queue.PositionAsync(StateKeys.Conversation(turn.Activity), cancellationToken))),
                    WaitOptions(turn));
                break;
            case HandoffEvents.LongWait:
                turn.Send(
                    turn.Text("handoff.longWait", ("position", await queue.PositionAsync(StateKeys.Conversation(turn.Activity), cancellationToken))),
                    WaitOptions(turn));
                break;
            case HandoffEvents.HandBack:
                await HandBackAsync(dc, value, cancellationToken);
                break;
            case HandoffEvents.AgentNote when !string.IsNullOrWhiteSpace(value.Text):
                // The team's note goes on the ticket in this turn's commit; the customer is sent nothing.
                await queue.TryChangeAsync(turn, t => t.Notes.Count < InternalNote.MaxNotes
                    ? t with { Notes = [.. t.Notes, new InternalNote(turn.Now, value.AgentId, value.AgentName, value.Text.Trim())] }
                    : null, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// The agent gives the conversation back (or closes it, and with it a case left without their decision): the ticket
    /// is removed, the case closed and the bot takes over in this turn's one commit, so none of it happens without the
    /// others. A ticket no longer the agent's (the desk requeued it meanwhile) is left as it is, and so is the hand-off.
    /// A case the agent decided (or that is final) is settled: the bot confirms the decision, ends the dialogs that
    /// waited for the person (they would ask for facts and decide again) and asks whether there is anything else; a
    /// case still without a decision resumes the bot's pending question.
    /// </summary>
    private async Task HandBackAsync(DialogContext dc, HandoffEventValue value, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        if (await queue.TryRemoveAsync(turn, t => t.IsClaimedBy(value.AgentId), cancellationToken) is not { } ticket)
        {
            return;
        }

        turn.State.Handoff = null;
        closedHandoffs.Record(turn, ticket, value.Close ? ClosedHandoffKinds.Closed : ClosedHandoffKinds.HandedBack, value.AgentId, value.AgentName);
        if (value.Close)
        {
            var closed = await CloseCaseAsync(turn, ticket, value, cancellationToken);
            dc.CancelAllDialogs();
            turn.Send(closed is null
                ? turn.Text("handoff.closed", ("agent", value.AgentName))
                : turn.Text("handoff.closedWithCase", ("agent", value.AgentName), ("caseId", closed.Id)));
            if (closed is null && ticket.CaseId is { } decidedId
                && await cases.FindAsync(turn, decidedId, cancellationToken) is { AgentDecision: not null })
            {
                await survey.AskAsync(turn, decidedId, cancellationToken); // closed after the agent's decision
            }

            return;
        }

        if ((ticket.CaseId ?? TalkToPersonInterruption.CaseOf(dc)) is { } caseId
            && await cases.FindAsync(turn, caseId, cancellationToken) is { } refundCase && AgentDecisionConfirmation.IsSettled(refundCase))
        {
            dc.CancelAllDialogs();
            turn.Send(string.Join("\n\n", new[] { turn.Text("handoff.handedBack", ("agent", value.AgentName)), AgentDecisionConfirmation.Text(turn, refundCase) }.OfType<string>()));
            turn.Send(turn.Text("handoff.anythingElse"));
            if (refundCase.AgentDecision is not null)
            {
                await survey.AskAsync(turn, caseId, cancellationToken); // handed back after the agent's decision
            }

            return;
        }

        turn.Send(turn.Text("handoff.handBack", ("agent", value.AgentName)));
        await ResumeAsync(dc, cancellationToken);
    }

    /// <summary>
    /// Closing the conversation closes its case only while the case waited for nothing but a person (still gathering,
    /// troubleshooting, or for a person's decision): the customer is told it is closed without a decision. A case with a
    /// promise still running (support's window, the team's check of the order) or a decision stays as it is.
    /// </summary>
    private async Task<RefundCase?> CloseCaseAsync(TurnContext turn, HandoffTicket ticket, HandoffEventValue value, CancellationToken cancellationToken)
    {
        if (ticket.CaseId is null || await cases.FindAsync(turn, ticket.CaseId, cancellationToken) is not
                { Status: CaseStatus.Submitted or CaseStatus.TroubleshootingRequired or CaseStatus.HumanReview } open
            || open.TryMove(CaseStatus.Closed, CaseActor.Agent(value.AgentId, value.AgentName), turn.Now, "conversation closed on the desk") is not { } closed)
        {
            return null;
        }

        cases.Save(turn, closed);
        return closed;
    }

    /// <summary>The first time an agent joins a case's conversation goes on the case (the console's time to an agent).</summary>
    private async Task NoteAgentJoinedAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await queue.FindAsync(StateKeys.Conversation(turn.Activity), cancellationToken) is { CaseId: { } caseId }
            && await cases.FindAsync(turn, caseId, cancellationToken) is { AgentJoinedAt: null } refundCase)
        {
            cases.Save(turn, refundCase with { AgentJoinedAt = turn.Now });
        }
    }

    /// <summary>The bot picks up where it stopped: the pending question again, or an offer to help further.</summary>
    private static async Task ResumeAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog is null)
        {
            dc.Turn.Send(dc.Turn.Text("handoff.anythingElse"));
            return;
        }

        await dc.RepromptDialogAsync(cancellationToken);
    }

    private static Activity FromAgent(TurnContext turn, HandoffEventValue value)
    {
        var reply = turn.Activity.CreateReply($"**{value.AgentName}:** {value.Text!.Trim()}", turn.Culture.Name);
        reply.From = new ChannelAccount { Id = TranscriptRoles.AgentIdPrefix + value.AgentId, Name = value.AgentName, Role = "bot" };
        return reply;
    }

    /// <summary>
    /// The agent's decision, recorded on the case and told to the customer in this turn's one commit. Nothing is said
    /// when the case refuses it (final by now) or the conversation is no longer the agent's: the desk reads the case back.
    /// </summary>
    private async Task RecordDecisionAsync(TurnContext turn, HandoffEventValue value, CancellationToken cancellationToken)
    {
        var decision = value.Decision!;
        if (await queue.FindAsync(StateKeys.Conversation(turn.Activity), cancellationToken) is not { } ticket || !ticket.IsClaimedBy(decision.AgentId)
            || await cases.FindAsync(turn, value.CaseId!, cancellationToken) is not { } refundCase
            || refundCase.WithAgentDecision(decision) is not { } decided)
        {
            return;
        }

        cases.Save(turn, decided);
        var policy = (decided.PolicyId ?? turn.State.PolicyId) is { } policyId ? policies.Find(policyId) : null;
        turn.Send(presenter.Present(decided, decision, policy, turn.Language, turn.Culture));

        // A customer who gave an address is told the same decision by e-mail, by an outbox record of this same commit
        // (bot/Notifications), so that the e-mail goes out if and only if the decision is recorded.
        CaseNotifications.Notify(turn, decided, CaseNotifications.AgentDecision);

        // Through a payment connector, the agent's approval carries the refund out: requested in this same commit. The
        // manual connector leaves the case approved until the agent marks the refund done on the desk.
        if (decided is { Status: CaseStatus.Approved, AgentDecision: { Amount: > 0 and var amount } } && !refunds.IsManual(decided.PolicyId))
        {
            refunds.Request(turn, decided, amount, decision.Currency ?? policy?.Currency ?? "", CaseActor.Agent(decision.AgentId, decision.AgentName), "agent's approval carried out");
        }
    }

    private static string[] WaitOptions(TurnContext turn) => [turn.Text("handoff.keepWaiting"), turn.Text("handoff.backToBot")];
}
