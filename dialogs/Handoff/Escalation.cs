using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Contact;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// Hands a conversation to a person: marks the conversation as waiting for a person, tells the customer their place
/// in the queue (and the team's hours, where configured), emits the Bot Framework <c>handoff.initiate</c> event with
/// the transcript attached, so that an external agent hub could take it instead, and, in the turn's own commit, puts
/// the conversation in the agent queue with its reason, case and language (the support team is then told by
/// <see cref="HandoffDesk.RunDueAsync"/>). The ticket carries the conversation's case in whatever state it is
/// (decided or denied by the bot, waiting for support, in human review): the one a dialog is working on, else, once
/// the request is over, the latest open case of the conversation; the request for a person is noted on the case.
/// A person's decision on that case may come after the customer has left the page, so, when the bot can e-mail, the
/// customer is offered to leave an address for it (once per case: <see cref="ContactOffer"/>).
/// </summary>
internal sealed class Escalation(
    HandoffQueue queue,
    TranscriptLog transcripts,
    PolicySelector policies,
    CaseStore cases,
    ContactOffer contact,
    EmailAvailability email,
    IOptions<HandoffOptions> options)
{
    public const string InitiateEvent = "handoff.initiate";

    public async Task EscalateAsync(DialogContext dc, string reason, string? caseId, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var key = StateKeys.Conversation(turn.Activity);
        if (turn.State.Handoff is not null)
        {
            turn.Send(turn.Text("handoff.alreadyWaiting", ("position", await queue.PositionAsync(key, cancellationToken))));
            return;
        }

        if (await CaseOfAsync(dc, key, caseId, cancellationToken) is { } refundCase)
        {
            caseId = refundCase.Id;
            // The bot's own hand-off for a human review is already in the case's history (its move to human-review).
            var noted = reason == HandoffReasons.HumanReview ? refundCase : refundCase.Note(CaseActor.Customer, turn.Now, $"customer asked for a person: {reason}");
            cases.Save(turn, noted.Escalated(reason, turn.Now));
        }

        var ticket = new HandoffTicket
        {
            ConversationKey = key,
            Reference = turn.State.Reference ?? ConversationReference.From(turn.Activity),
            Reason = reason,
            RequestedAt = turn.Now,
            WaitingSince = turn.Now,
            Language = turn.Language,
            PolicyId = policies.PolicyOf(turn).Id,
            CaseId = caseId,
            Question = reason == HandoffReasons.QuestionNotCovered ? turn.State.UnansweredQuestion : null,
        };
        turn.State.Handoff = new HandoffStatus(reason, turn.Now);
        turn.State.UnansweredQuestion = null;
        await queue.AddAsync(turn, ticket, cancellationToken);
        BotTelemetry.CountEscalation(turn, reason);

        var position = await queue.WaitingCountAsync(cancellationToken) + 1;
        turn.Send(Announcement(turn, ticket, position));
        if (turn.Activity.ChannelId != "msteams")
        {
            turn.Send(await InitiateAsync(turn, ticket, position, cancellationToken));
        }

        // Without e-mail nothing more is said: the person answers here, in the chat they are joining.
        if (caseId is not null && email.Enabled)
        {
            await contact.OfferAsync(turn, caseId, ContactOffer.Reason.Decision, cancellationToken);
        }
    }

    /// <summary>
    /// The case the person is asked about: the one named (a dialog on the stack is working on it), else, when no request
    /// is in progress (the last one was decided), the conversation's latest case that is still open. A new request
    /// under way has no case yet and is not given an older one.
    /// </summary>
    private async Task<RefundCase?> CaseOfAsync(DialogContext dc, string key, string? caseId, CancellationToken cancellationToken)
    {
        if (caseId is not null)
        {
            return await cases.FindAsync(dc.Turn, caseId, cancellationToken);
        }

        if (dc.ActiveDialog is not null)
        {
            return null;
        }

        var latest = (await cases.ForConversationAsync(key, cancellationToken))
            .Where(c => CaseLifecycle.IsOpen(c.Status))
            .MaxBy(c => c.CreatedAt);
        return latest is null ? null : await cases.FindAsync(dc.Turn, latest.Id, cancellationToken);
    }

    private string Announcement(TurnContext turn, HandoffTicket ticket, int position)
    {
        var lines = new List<string>
        {
            ticket.CaseId is { } caseId
                ? turn.Text("handoff.requestedForCase", ("caseId", caseId), ("position", position))
                : turn.Text("handoff.requested", ("position", position)),
        };
        if (options.Value.HoursFor(ticket.PolicyId, turn.Language) is { } hours)
        {
            lines.Add(turn.Text("handoff.hours", ("hours", hours)));
        }

        lines.Add(turn.Text("handoff.whileWaiting"));
        return string.Join("\n\n", lines);
    }

    /// <summary>The Bot Framework hand-off convention: an event with the routing context and the transcript.</summary>
    private async Task<Activity> InitiateAsync(TurnContext turn, HandoffTicket ticket, int position, CancellationToken cancellationToken)
    {
        var said = (await transcripts.ReadAsync(ticket.ConversationKey, cancellationToken))
            .Concat(TranscriptLog.LinesOf(turn.Activity, turn.Replies, turn.Now));
        var initiate = turn.Activity.CreateReply();
        initiate.Type = ActivityTypes.Event;
        initiate.Name = InitiateEvent;
        initiate.Text = null;
        initiate.TextFormat = null;
        initiate.InputHint = null;
        initiate.Value = System.Text.Json.JsonSerializer.SerializeToElement(
            new { ticket.Reason, ticket.Language, ticket.PolicyId, ticket.CaseId, QueuePosition = position }, ActivityJson.Options);
        initiate.Attachments =
        [
            new Attachment
            {
                ContentType = "application/json",
                Name = "Transcript",
                Content = System.Text.Json.JsonSerializer.SerializeToElement(new { activities = said.Select(TranscriptActivity) }, ActivityJson.Options),
            },
        ];
        return initiate;
    }

    private static object TranscriptActivity(TranscriptEntry entry) => new
    {
        type = ActivityTypes.Message,
        timestamp = entry.At,
        from = new { role = entry.Role == TranscriptRoles.Customer ? "user" : "bot", name = entry.Name },
        text = entry.Text,
    };
}
