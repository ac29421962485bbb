using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Payments;

/// <summary>
/// Payments as turns of the case's conversation, as the desk's decisions and checks are: the case's move, what the
/// customer is told (in the chat, and by an e-mail record of the same commit) and, for a webhook's event, the marker
/// that it was applied, are one commit or nothing.
/// <list type="bullet">
/// <item><see cref="PaymentEvents.Result"/>: the payment system's answer, a webhook's event, or an agent's "refund
/// done". A refund succeeded moves the case to refunded and tells the customer the amount, the method and the policy's
/// timeline; failed or canceled moves it to refund-failed and tells them a person looks at it; pending or
/// requires_action are recorded on the case and told to nobody. A result for another request of the case (another
/// key), one after the refund's final status, the same status again, or an event id already applied, changes nothing.</item>
/// <item><see cref="PaymentEvents.Approve"/>: an agent approved on the desk a refund the bot decided (above its limit,
/// or on facts the records did not give), or asked again for one that failed: it is requested in this turn.</item>
/// </list>
/// </summary>
internal sealed partial class PaymentTurns(
    CaseStore cases, RefundRequests requests, IDocumentStore store, PolicyCatalog policies, BotTexts texts, ILogger<PaymentTurns> logger)
{
    /// <summary>Webhook events applied, one document each: an event delivered again is applied once.</summary>
    public const string EventPrefix = "payments/events/";

    public async Task OnResultAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (Read<RefundResult>(turn) is not { } result || !RefundPaymentStatus.All.Contains(result.Status)
            || await cases.FindAsync(turn, result.CaseId, cancellationToken) is not { Payment: { } payment } refundCase
            || payment.Key != result.Key || RefundPaymentStatus.IsFinal(payment.Status)
            || (payment.Status == result.Status && (result.ProviderRefundId is null || result.ProviderRefundId == payment.ProviderRefundId)))
        {
            return;
        }

        if (result.EventId is { } eventId)
        {
            if (await store.ReadAsync(EventPrefix + eventId, cancellationToken) is not null)
            {
                LogDuplicateEvent(logger, result.CaseId);
                return;
            }

            turn.Work.Put(EventPrefix + eventId, JsonSerializer.Serialize(new { result.CaseId, result.Status, appliedAt = turn.Now }, ActivityJson.Options), expectedETag: null);
        }

        var by = result.AgentId is { } agentId ? CaseActor.Agent(agentId, result.AgentName ?? agentId) : CaseActor.System;
        var updated = refundCase with
        {
            Payment = payment with
            {
                Status = result.Status,
                ProviderRefundId = result.ProviderRefundId ?? payment.ProviderRefundId,
                FailureReason = result.FailureReason,
                UpdatedAt = turn.Now,
            },
        };
        var policy = refundCase.PolicyId is { } policyId ? policies.Find(policyId) : null;
        switch (result.Status)
        {
            case RefundPaymentStatus.Succeeded when updated.TryMove(CaseStatus.Refunded, by, turn.Now, $"refund succeeded ({payment.Connector})") is { } refunded:
                cases.Save(turn, refunded);
                turn.Send(Issued(refunded, refunded.Payment!, policy, turn));
                CaseNotifications.Notify(turn, refunded, CaseNotifications.Refunded);
                LogMoved(logger, refunded.Id, refunded.Status);
                break;
            case RefundPaymentStatus.Failed or RefundPaymentStatus.Canceled
                when updated.TryMove(CaseStatus.RefundFailed, CaseActor.System, turn.Now, $"refund {result.Status} ({payment.Connector})") is { } failed:
                cases.Save(turn, failed);
                if (failed.Payment!.OutcomeUnknown)
                {
                    // Nobody knows whether it went through: the customer is not told it failed, nor e-mailed that it did.
                    turn.Send(turn.Text("refund.unconfirmed", ("amount", Money.Format(payment.Amount, payment.Currency, turn.Culture)), ("caseId", failed.Id)));
                }
                else
                {
                    turn.Send(turn.Text("refund.failed", ("amount", Money.Format(payment.Amount, payment.Currency, turn.Culture)), ("caseId", failed.Id)));
                    CaseNotifications.Notify(turn, failed, CaseNotifications.RefundFailed);
                }

                LogMoved(logger, failed.Id, failed.Status);
                break;
            case RefundPaymentStatus.Pending or RefundPaymentStatus.RequiresAction or RefundPaymentStatus.Requested:
                cases.Save(turn, updated.Note(CaseActor.System, turn.Now, $"refund {result.Status} ({payment.Connector})"));
                LogRecorded(logger, updated.Id, result.Status);
                break;
        }
    }

    public async Task OnApprovalAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (Read<RefundApproval>(turn) is not { } approval || await cases.FindAsync(turn, approval.CaseId, cancellationToken) is not { } refundCase
            || DeskRefunds.Approvable(refundCase) is not var (amount, currency))
        {
            return;
        }

        var agent = CaseActor.Agent(approval.AgentId, approval.AgentName);
        if (requests.Request(turn, refundCase, amount, currency, agent, "refund approved on the desk") is { } requested)
        {
            turn.Send(turn.Text("refund.approved", ("agent", approval.AgentName), ("amount", Money.Format(amount, currency, turn.Culture)), ("caseId", requested.Id)));
        }
    }

    /// <summary>
    /// An agent marked the refund done: an agent's approval (the manual connector leaves it approved), a manual refund
    /// requested, or one that failed and that they carried out themselves. The case moves to refunded by the agent, with
    /// its payment recorded as succeeded, and the customer is told as for any refund issued.
    /// </summary>
    public async Task OnDoneAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (Read<RefundDone>(turn) is not { } done || await cases.FindAsync(turn, done.CaseId, cancellationToken) is not { } refundCase
            || DeskRefunds.ToCarryOut(refundCase) is not { } payment)
        {
            return;
        }

        var agent = CaseActor.Agent(done.AgentId, done.AgentName);
        var paid = refundCase with { Payment = payment with { Status = RefundPaymentStatus.Succeeded, UpdatedAt = turn.Now } };
        if (paid.TryMove(CaseStatus.Refunded, agent, turn.Now, "refund marked done on the desk") is not { } refunded)
        {
            return;
        }

        cases.Save(turn, refunded);
        var policy = refundCase.PolicyId is { } policyId ? policies.Find(policyId) : null;
        turn.Send(Issued(refunded, refunded.Payment!, policy, turn));
        CaseNotifications.Notify(turn, refunded, CaseNotifications.Refunded);
        LogMoved(logger, refunded.Id, refunded.Status);
    }

    /// <summary>The refund issued: the amount, the method, the policy's timeline counted from now, and the case id.</summary>
    private string Issued(RefundCase refunded, RefundPayment payment, Policy? policy, TurnContext turn)
    {
        var text = new StringBuilder();
        text.Append("**").Append(turn.Text("refund.issued", ("amount", Money.Format(payment.Amount, payment.Currency, turn.Culture)))).AppendLine("**");
        text.AppendLine().AppendLine(turn.Text("refund.method"));
        if (policy is not null && CaseTimeline.From(refunded, turn.Now, policy) is { } timeline)
        {
            text.AppendLine().AppendLine(TimelineWording.Text(texts, timeline, turn.Language, turn.Culture));
        }

        text.AppendLine().Append(turn.Text("refund.recorded", ("caseId", refunded.Id)));
        return text.ToString().Replace("\r", "");
    }

    private static T? Read<T>(TurnContext turn) where T : class =>
        turn.Activity.Value is { ValueKind: JsonValueKind.Object } json ? json.Deserialize<T>(ActivityJson.Options) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: the refund moved the case to {Status}; the customer was told")]
    private static partial void LogMoved(ILogger logger, string caseId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: the payment system reports the refund {PaymentStatus}")]
    private static partial void LogRecorded(ILogger logger, string caseId, string paymentStatus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: a payment event already applied was received again; ignored")]
    private static partial void LogDuplicateEvent(ILogger logger, string caseId);
}
