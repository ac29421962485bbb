using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Contact;
using RefundBot.Dialogs.Feedback;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// RefundBot's conversation: greets, leaves the conversation to the person who owns it (if anyone), screens the
/// message (empty, too long, attachment only), lets interruptions ("cancel", "help", ...) act first, then continues
/// the active dialog or starts a refund intake.
/// </summary>
internal sealed class RefundConversation(
    DialogSet dialogs,
    IEnumerable<IInterruption> interruptions,
    HandoffTurns handoff,
    VerificationTurns verifications,
    PaymentTurns payments,
    DocumentCheckTurns documentChecks,
    IntakeFacts intakeFacts,
    PolicySelector policies,
    CaseStore cases,
    ContactOffer contact,
    ReceivedFilesReply files,
    SatisfactionSurvey survey,
    IOptions<RefundBotOptions> options) : IConversationBot
{
    /// <summary>A handed-over conversation is followed by the desk (waiting in its queue or with an agent).</summary>
    public bool IsWatched(ConversationState state) => state.Handoff is not null;

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        Remember(turn);
        turn.State.TimeZone ??= policies.PolicyOf(turn).TimeZone;
        switch (turn.Activity.Type)
        {
            case ActivityTypes.ConversationUpdate when turn.Activity.MembersAdded is { Count: > 0 }:
                Welcome(turn);
                break;
            case ActivityTypes.Message:
                await OnMessageAsync(turn, cancellationToken);
                break;
            case ActivityTypes.Event when turn.Activity.IsBotEvent(TroubleshootingDialog.FollowUpEvent) && turn.State.Handoff is null:
                await FollowUpScheduler.MarkSentAsync(cases, turn, cancellationToken);
                await NotifyFollowUpDueAsync(turn, cancellationToken);
                await new DialogContext(dialogs, turn).ContinueDialogAsync(cancellationToken);
                break;
            case ActivityTypes.Event when turn.Activity.IsBotEvent(DocumentDeadline.Event) && turn.State.Handoff is null:
                await DocumentDeadline.OnDueAsync(cases, new DialogContext(dialogs, turn), cancellationToken);
                break;
            case ActivityTypes.Event when turn.Activity.IsBotEvent(FactVerifier.VerifiedEvent):
                await verifications.OnEventAsync(new DialogContext(dialogs, turn), cancellationToken);
                break;
            case ActivityTypes.Event when turn.Activity.IsBotEvent(PaymentEvents.Result):
                await payments.OnResultAsync(turn, cancellationToken);
                break;
            case ActivityTypes.Event when turn.Activity.IsBotEvent(PaymentEvents.Approve):
                await payments.OnApprovalAsync(turn, cancellationToken);
                break;
            case ActivityTypes.Event when turn.Activity.IsBotEvent(PaymentEvents.Done):
                await payments.OnDoneAsync(turn, cancellationToken);
                break;
            case ActivityTypes.Event when turn.Activity.IsBotEvent(DocumentChecker.CheckedEvent):
                await documentChecks.OnEventAsync(new DialogContext(dialogs, turn), cancellationToken);
                break;
            case ActivityTypes.Event when HandoffEvents.IsHandoffEvent(turn.Activity):
                await handoff.OnEventAsync(new DialogContext(dialogs, turn), cancellationToken);
                break;
        }
    }

    private async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.Activity.RemoveRecipientMention();
        Welcome(turn);
        var dc = new DialogContext(dialogs, turn);
        var folded = TextNormalizer.Fold(turn.Activity.Text ?? "");

        // The answer to "may I e-mail you?" comes first: the question may have been asked as a person was brought in.
        if (await contact.TryAnswerAsync(turn, folded, cancellationToken))
        {
            await survey.AskDeferredAsync(turn, cancellationToken);
            return;
        }

        // A rating (or its comment) after a decision; any other message is the conversation's, the question skipped.
        if (await survey.TryAnswerAsync(turn, folded, cancellationToken))
        {
            return;
        }

        if (await handoff.OnCustomerMessageAsync(dc, folded, cancellationToken))
        {
            return;
        }

        // Files first: what was kept or refused is said, then a message of files alone gets its question again,
        // unless the question asks for a file and one was kept: that is its answer.
        if (files.TryReply(turn) && string.IsNullOrWhiteSpace(turn.Activity.Text))
        {
            if (EligibilityDialog.AsksForDocument(dc) && ReceivedFiles.Of(turn.Activity).Any(f => f.IsStored))
            {
                await dc.ContinueDialogAsync(cancellationToken);
                return;
            }

            await LateFiles.TryReplyAsync(cases, policies, turn, cancellationToken);
            await dc.RepromptDialogAsync(cancellationToken);
            return;
        }

        if (InputProblem(turn) is { } problem)
        {
            turn.Send(problem);
            await dc.RepromptDialogAsync(cancellationToken);
            return;
        }

        foreach (var interruption in interruptions)
        {
            var outcome = await interruption.TryHandleAsync(dc, folded, cancellationToken);
            if (outcome == InterruptionOutcome.Resume)
            {
                await dc.RepromptDialogAsync(cancellationToken);
            }

            if (outcome != InterruptionOutcome.NotHandled)
            {
                return;
            }
        }

        var result = await dc.ContinueDialogAsync(cancellationToken);
        if (result.Status == DialogTurnStatus.Empty)
        {
            await dc.BeginDialogAsync(RefundIntakeDialog.DialogId, await intakeFacts.FromMessageAsync(turn, cancellationToken), cancellationToken);
        }
    }

    /// <summary>The follow-up turn also e-mails the customer who gave an address: the question waits for them in the chat.</summary>
    private async Task NotifyFollowUpDueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.Value is { ValueKind: System.Text.Json.JsonValueKind.Object } value && value.TryGetProperty("caseId", out var id)
            && id.GetString() is { } caseId && await cases.FindAsync(turn, caseId, cancellationToken) is { } refundCase)
        {
            CaseNotifications.Notify(turn, refundCase, CaseNotifications.FollowUpDue);
        }
    }

    /// <summary>Keeps where to reach the customer, and their language and time zone as first reported.</summary>
    private static void Remember(TurnContext turn)
    {
        var activity = turn.Activity;
        var state = turn.State;
        if (activity.Conversation?.Id is not null)
        {
            state.Reference = ConversationReference.From(activity);
        }

        if (state.Language is null && ConversationLocale.FromLocale(activity.Locale) is var (language, culture))
        {
            state.Language = language;
            state.Culture = culture;
        }
        else if (state.Language is null && activity.IsMessage && LanguageDetector.Detect(activity.Text ?? "") is { } detected)
        {
            state.Language = detected;
            state.Culture = BotTexts.DefaultCulture(detected);
        }

        if (CustomerZone(activity) is { } zone)
        {
            state.TimeZone = zone;
        }
    }

    /// <summary>
    /// The customer's IANA zone: Web Chat's <c>localTimezone</c>, Teams' <c>clientInfo</c> entity, else the whole-hour
    /// offset of <c>localTimestamp</c> (as an Etc/GMT zone); null when the activity says nothing.
    /// </summary>
    private static string? CustomerZone(Activity activity)
    {
        var named = activity.LocalTimezone ?? activity.Entities?
            .Where(e => e.ValueKind == System.Text.Json.JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.GetString() == "clientInfo")
            .Select(e => e.TryGetProperty("timezone", out var z) ? z.GetString() : null)
            .FirstOrDefault(z => z is not null);
        if (named is not null && TimeZoneInfo.TryFindSystemTimeZoneById(named, out _))
        {
            return named;
        }

        return activity.LocalTimestamp is { Offset: var offset } && offset.Minutes == 0 && offset != TimeSpan.Zero
            ? $"Etc/GMT{(offset.Hours > 0 ? "-" : "+")}{Math.Abs(offset.Hours)}"
            : null;
    }

    private void Welcome(TurnContext turn)
    {
        if (!turn.State.Welcomed)
        {
            turn.State.Welcomed = true;
            turn.Send(turn.Text("welcome", ("business", policies.PolicyOf(turn).Business)));
        }
    }

    private string? InputProblem(TurnContext turn)
    {
        var text = turn.Activity.Text;
        var limit = options.Value.MaxMessageLength;
        if (string.IsNullOrWhiteSpace(text))
        {
            return turn.Text(turn.Activity.Attachments is { Count: > 0 } ? "input.attachmentOnly" : "input.empty");
        }

        // The channel cut an over-long message on arrival (OverlongText): its marker still says how long it was.
        var length = OverlongText.OriginalLength(text);
        return length > limit ? turn.Text("input.tooLong", ("length", length), ("limit", limit)) : null;
    }
}
