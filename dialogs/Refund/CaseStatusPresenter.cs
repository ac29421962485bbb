using System.Text;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Puts a case into words for its customer, in their language: its id and order, its state, the decision with the
/// amount, and what happens next and when (the support team's deadline, the refund's timeline, a person's decision).
/// Says only what the case records: an amount or a date it does not hold is not given. The refund's timeline is worded
/// as the decision worded it (<see cref="TimelineWording"/>: the policy's words, a date "for reference"), counted from
/// the decision that stands: an agent's (their amount, their timeline) over the bot's.
/// </summary>
internal sealed class CaseStatusPresenter(CustomerClock clock)
{
    public string Present(RefundCase refundCase, Policy policy, TurnContext turn)
    {
        var text = new StringBuilder(turn.Text("status.case",
            ("caseId", refundCase.Id), ("orderId", refundCase.OrderId), ("state", turn.Text($"status.state.{refundCase.Status}"))));
        foreach (var part in new[] { Decision(refundCase, policy, turn), AgentAmount(refundCase, turn), Next(refundCase, policy, turn) })
        {
            if (part is not null)
            {
                text.Append(' ').Append(part);
            }
        }

        return text.ToString();
    }

    /// <summary>The bot's decision, while it stands (an agent's decision is its state's own words).</summary>
    private static string? Decision(RefundCase refundCase, Policy policy, TurnContext turn) =>
        refundCase is { Status: CaseStatus.Decided, Decision: { } decision }
            ? turn.Text($"decision.{decision.Outcome}", ("amount",
                decision.Breakdown is { } breakdown ? DecisionPresenter.FormatMoney(breakdown.Refund, policy.Currency, turn.Culture) : ""))
            : null;

    /// <summary>The amount an agent approved, while their approval stands.</summary>
    private static string? AgentAmount(RefundCase refundCase, TurnContext turn) =>
        refundCase is { Status: CaseStatus.Approved or CaseStatus.RefundPending, AgentDecision: { Amount: { } amount, Currency: { } currency } agent }
        && AgentOutcomes.Refunds(agent.Outcome)
            ? turn.Text("status.agentAmount", ("amount", Money.Format(amount, currency, turn.Culture)))
            : null;

    private string? Next(RefundCase refundCase, Policy policy, TurnContext turn) => refundCase.Status switch
    {
        CaseStatus.WaitingForSupport when refundCase.WaitingUntil is { } until =>
            turn.Text(until > turn.Now ? "status.next.waiting" : "status.next.waitingOver", ("when", When(turn, until))),
        CaseStatus.HumanReview => turn.Text("status.next.humanReview"),
        CaseStatus.Submitted or CaseStatus.TroubleshootingRequired => turn.Text("status.next.gathering"),
        CaseStatus.Decided or CaseStatus.Approved or CaseStatus.RefundPending => RefundTimeline(refundCase, policy, turn),
        _ => null,
    };

    /// <summary>
    /// When the money comes: from an agent's refund decision when there is one (never the bot's timeline under it),
    /// else from the bot's refund decision, its date as the decision recorded it.
    /// </summary>
    private static string? RefundTimeline(RefundCase refundCase, Policy policy, TurnContext turn)
    {
        DecisionTimeline? timeline;
        DateTimeOffset decidedAt;
        if (refundCase.AgentDecision is not null || CaseLifecycle.IsAgentDecided(refundCase.Status))
        {
            if (refundCase.AgentDecision is not { } decision || !AgentOutcomes.Refunds(decision.Outcome))
            {
                return null;
            }

            decidedAt = decision.At;
            timeline = AgentDecisionPresenter.Timeline(refundCase, decision, policy);
        }
        else if (refundCase.Decision is { Outcome: "fullRefund" or "partialRefund" } botDecision)
        {
            decidedAt = BotDecidedAt(refundCase);
            timeline = AgentDecisionPresenter.Timeline(refundCase, decidedAt, policy) is { } computed
                ? computed with { LatestDate = botDecision.LatestRefundDate ?? computed.LatestDate }
                : null;
        }
        else
        {
            return null;
        }

        var decidedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(decidedAt, TimeZoneInfo.FindSystemTimeZoneById(policy.TimeZone)).DateTime);
        return timeline is null ? null : TimelineWording.Text(turn.Texts, timeline, turn.Language, turn.Culture, decidedOn);
    }

    /// <summary>When the engine last decided the case, as its history records it (a case recorded before its history: when it was asked for).</summary>
    private static DateTimeOffset BotDecidedAt(RefundCase refundCase) =>
        refundCase.History.LastOrDefault(e => e.By.Kind == CaseActor.BotKind && e.Why.StartsWith("engine:", StringComparison.Ordinal))?.At
        ?? refundCase.RequestInstant;

    private string When(TurnContext turn, DateTimeOffset instant) =>
        CustomerDates.Format(TimeZoneInfo.ConvertTime(instant, clock.ZoneOf(turn)), turn.Text("format.dateTime"), turn.Culture);
}
