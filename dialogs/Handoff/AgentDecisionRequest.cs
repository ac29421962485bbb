using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Handoff;

/// <summary>What an agent sends from the desk's decision form, before it is checked against the case and its policy.</summary>
public sealed record AgentDecisionRequest(
    string Outcome, decimal? Amount = null, string? Currency = null, string CustomerMessage = "", string InternalNote = "")
{
    public const int MaxTextLength = HandoffDesk.MaxMessageLength;

    /// <summary>
    /// The decision to record on <paramref name="refundCase"/>, or null with <paramref name="problem"/> saying why not.
    /// Pure, so the desk's checks are a table of cases: a known outcome; a message to the customer (the decision is
    /// told in words), both texts within <see cref="MaxTextLength"/>; for a partial refund an amount above zero, in
    /// the currency's minor units, at most what was paid when the case knows it, and in the policy's currency.
    /// </summary>
    internal AgentDecision? Check(RefundCase refundCase, Policy? policy, AgentIdentity agent, DateTimeOffset at, out DeskResult problem)
    {
        problem = DeskResult.Invalid;
        if (!AgentOutcomes.All.Contains(Outcome) || string.IsNullOrWhiteSpace(CustomerMessage)
            || CustomerMessage.Length > MaxTextLength || InternalNote.Length > MaxTextLength)
        {
            return null;
        }

        var paid = CasePayment.Paid(refundCase, policy);
        var currency = policy?.Currency ?? refundCase.Decision?.Breakdown?.Currency;
        decimal? amount = null;
        if (Outcome == AgentOutcomes.Partial)
        {
            problem = DeskResult.InvalidAmount;
            if (Amount is not { } asked || asked <= 0 || asked > paid
                || decimal.Round(asked, policy?.MinorUnits ?? 2) != asked
                || currency is null || !string.Equals(Currency, currency, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            amount = asked;
        }
        else if (Outcome == AgentOutcomes.Approve)
        {
            amount = paid;
        }

        problem = DeskResult.Done;
        return new AgentDecision
        {
            Outcome = Outcome,
            Amount = amount,
            Currency = amount is null ? null : currency,
            CustomerMessage = CustomerMessage.Trim(),
            InternalNote = InternalNote.Trim(),
            AgentId = agent.Id,
            AgentName = agent.DisplayName,
            At = at,
        };
    }
}
