using System.Text;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Puts a case into words for its customer, in their language: its id and order, its state, the decision with the
/// amount, and what happens next and when (the support team's deadline, the latest refund date, a person's decision).
/// Says only what the case records: an amount or a date it does not hold is not given.
/// </summary>
internal sealed class CaseStatusPresenter(CustomerClock clock)
{
    public string Present(RefundCase refundCase, Policy policy, TurnContext turn)
    {
        var text = new StringBuilder(turn.Text("status.case",
            ("caseId", refundCase.Id), ("orderId", refundCase.OrderId), ("state", turn.Text($"status.state.{refundCase.Status}"))));
        if (Decision(refundCase, policy, turn) is { } decision)
        {
            text.Append(' ').Append(decision);
        }

        if (Next(refundCase, turn) is { } next)
        {
            text.Append(' ').Append(next);
        }

        return text.ToString();
    }

    /// <summary>The bot's decision, while it stands (an agent's decision is its state's own words).</summary>
    private static string? Decision(RefundCase refundCase, Policy policy, TurnContext turn) =>
        refundCase is { Status: CaseStatus.Decided, Decision: { } decision }
            ? turn.Text($"decision.{decision.Outcome}", ("amount",
                decision.Breakdown is { } breakdown ? DecisionPresenter.FormatMoney(breakdown.Refund, policy.Currency, turn.Culture) : ""))
            : null;

    private string? Next(RefundCase refundCase, TurnContext turn) => refundCase.Status switch
    {
        CaseStatus.WaitingForSupport when refundCase.WaitingUntil is { } until =>
            turn.Text(until > turn.Now ? "status.next.waiting" : "status.next.waitingOver", ("when", When(turn, until))),
        CaseStatus.HumanReview => turn.Text("status.next.humanReview"),
        CaseStatus.Submitted or CaseStatus.TroubleshootingRequired => turn.Text("status.next.gathering"),
        CaseStatus.Decided or CaseStatus.Approved or CaseStatus.RefundPending
            when refundCase.Decision is { Outcome: "fullRefund" or "partialRefund", LatestRefundDate: { } date } =>
            turn.Text("status.next.refundBy", ("date", date.ToString(turn.Text("format.date"), turn.Culture))),
        _ => null,
    };

    private string When(TurnContext turn, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, clock.ZoneOf(turn)).ToString(turn.Text("format.dateTime"), turn.Culture);
}
