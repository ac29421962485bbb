using System.Globalization;
using System.Text;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// Puts an agent's decision into words for the customer, as the bot puts its own: the outcome, the agent's message,
/// the amount, when the money comes back (the policy's refund timeline, counted from the agent's decision), the next
/// step and the case id. Never the internal note. Pure: the same case gives the same message.
/// </summary>
internal sealed class AgentDecisionPresenter(BotTexts texts)
{
    public string Present(RefundCase refundCase, AgentDecision decision, Policy? policy, string language, CultureInfo culture)
    {
        string T(string key, params (string, object?)[] args) => texts.Get(language, key, args);
        var agent = ("agent", (object?)decision.AgentName);

        var text = new StringBuilder();
        text.Append("**").Append(T($"handoff.decision.{decision.Outcome}", agent)).AppendLine("**");
        if (decision.CustomerMessage.Length > 0)
        {
            text.AppendLine().AppendLine(T("handoff.decision.message", agent, ("message", decision.CustomerMessage)));
        }

        if (AgentOutcomes.Refunds(decision.Outcome))
        {
            if (decision is { Amount: { } amount, Currency: { } currency })
            {
                text.AppendLine().AppendLine($"- **{T("amount.refund")}{T("punctuation.colon")}{Money.Format(amount, currency, culture)}**");
            }

            if (policy is not null && Timeline(refundCase, decision, policy) is { } timeline)
            {
                text.AppendLine().AppendLine(TimelineWording.Text(texts, timeline, language, culture));
            }
        }

        // The e-mail that tells a customer who has left the chat is sent from the decision's turn (HandoffTurns), with these words.
        text.AppendLine().AppendLine(T($"handoff.decision.next.{decision.Outcome}", agent));
        text.AppendLine().Append(T("handoff.decision.recorded", ("caseId", refundCase.Id)));
        return text.ToString().Replace("\r", "");
    }

    /// <summary>The policy's refund timeline on the case's facts, its latest date counted from the agent's decision.</summary>
    public static DecisionTimeline? Timeline(RefundCase refundCase, AgentDecision decision, Policy policy) =>
        Timeline(refundCase, decision.At, policy);

    /// <summary>The policy's refund timeline on the case's facts, its latest date counted from <paramref name="from"/> (a person's decision or check).</summary>
    public static DecisionTimeline? Timeline(RefundCase refundCase, DateTimeOffset from, Policy policy) =>
        CaseTimeline.From(refundCase, from, policy);
}
