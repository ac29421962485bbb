using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Payments;

/// <summary>
/// Requests a case's refund in the turn that decides or approves it: the case moves to refund-pending with its
/// <see cref="RefundPayment"/>, and, for a connector that calls a payment system, an outbox record of this same commit
/// asks the host to carry it out (<see cref="RecordKind"/>), so the request exists if and only if the decision does.
/// The idempotency key is derived from the case and the move that requested it: every attempt at that record, after a
/// retry or a crash, sends the same key, and the payment system refunds once. A manual refund has no record: it waits
/// on the desk until an agent marks it done.
/// </summary>
public sealed partial class RefundRequests(CaseStore cases, IOptions<PaymentOptions> options, ILogger<RefundRequests> logger)
{
    public const string RecordKind = "refund.execute";

    /// <summary>The outbox lane of a case's refund: apart from its conversation's replies, which its result turn adds to.</summary>
    public static string Lane(string caseId) => "payments/" + caseId;

    /// <summary>The refund's idempotency key: the case and the position, in its history, of the move that requested it.</summary>
    public static string KeyOf(string caseId, int move) => string.Create(CultureInfo.InvariantCulture, $"refundbot-{caseId}-{move}");

    /// <summary>Whether the policy's refunds are carried out by hand (an agent marks them done on the desk).</summary>
    public bool IsManual(string? policyId) => options.Value.ConnectorFor(policyId) == PaymentConnectors.Manual;

    /// <summary>
    /// Requests <paramref name="amount"/> for <paramref name="refundCase"/> in <paramref name="turn"/>'s unit of work;
    /// returns the case as saved, or null when the lifecycle refuses the move (final, already pending) or the amount is
    /// not above zero.
    /// </summary>
    public RefundCase? Request(TurnContext turn, RefundCase refundCase, decimal amount, string currency, CaseActor by, string why)
    {
        if (amount <= 0 || refundCase.TryMove(CaseStatus.RefundPending, by, turn.Now, why) is not { } moved)
        {
            return null;
        }

        var connector = options.Value.ConnectorFor(refundCase.PolicyId);
        var key = SameRefundAgain(refundCase.Payment, connector, amount, currency) ?? KeyOf(refundCase.Id, moved.History.Count);
        var requested = moved with
        {
            Payment = new RefundPayment { Key = key, Connector = connector, Amount = amount, Currency = currency, RequestedAt = turn.Now },
        };
        cases.Save(turn, requested);
        if (connector != PaymentConnectors.Manual)
        {
            turn.Work.EnqueueAfterReplies(new OutboxRecord
            {
                Kind = RecordKind,
                ConversationKey = Lane(refundCase.Id),
                Reference = requested.Reference ?? ConversationReference.From(turn.Activity),
                ActivityId = turn.Activity.Id,
                Value = JsonSerializer.SerializeToElement(
                    new RefundOrder(requested.Id, key, connector, requested.PolicyId ?? "", requested.OrderId, amount, currency), ActivityJson.Options),
            });
        }

        LogRequested(logger, requested.Id, connector);
        return requested;
    }

    /// <summary>
    /// The key of a refund whose outcome nobody knows (<see cref="RefundPayment.OutcomeUnknown"/>) when the same refund
    /// is asked for again: one of its attempts may have gone through, so a new key could refund twice; the same key
    /// makes the payment system answer for the refund it already made, or make it now.
    /// </summary>
    private static string? SameRefundAgain(RefundPayment? earlier, string connector, decimal amount, string currency) =>
        earlier is { OutcomeUnknown: true } && earlier.Connector == connector && earlier.Amount == amount && earlier.Currency == currency
            ? earlier.Key
            : null;

    /// <summary>
    /// The bot's own decision carried out by the bot: only a full or partial refund it decided (not provisional), up to
    /// the policy's <see cref="PaymentOptions.BotLimit"/>, resting on facts the business's records gave (the order was
    /// found, and the policy's money facts and the facts it wants verified come from it or from an agent). Null when it
    /// may not: the refund then waits for an agent's approval on the desk.
    /// </summary>
    public RefundCase? RequestByBot(TurnContext turn, RefundCase decided, Policy policy) =>
        MayBotRequest(decided, policy, options.Value.BotLimitFor(policy.Id)) && decided.Decision?.Breakdown is { } refund
            ? Request(turn, decided, refund.Refund, policy.Currency, CaseActor.Bot, "refund requested by the bot: within its limit, on the order record")
            : null;

    internal static bool MayBotRequest(RefundCase decided, Policy policy, decimal? limit)
    {
        if (limit is not { } most || decided is not { Status: CaseStatus.Decided, Decision: { Outcome: "fullRefund" or "partialRefund", Breakdown: { } refund } }
            || refund.Refund <= 0 || refund.Refund > most)
        {
            return false;
        }

        var moneyFacts = policy.Rules.FirstOrDefault(r => r.Refund is not null)?.Refund!.Paid ?? [];
        var mustBeConfirmed = decided.Facts.Keys.Where(id => moneyFacts.Contains(id) || policy.NeedsVerification(id));
        return decided.FactSources.Values.Any(s => s.Source == FactSource.OrderRecord)
            && mustBeConfirmed.All(id => decided.SourceOf(id).Confirmed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: refund requested through the {Connector} connector")]
    private static partial void LogRequested(ILogger logger, string caseId, string connector);
}
