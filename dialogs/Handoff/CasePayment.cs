using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Handoff;

/// <summary>What the customer paid, as far as the case knows it: the most an agent may refund.</summary>
public static class CasePayment
{
    /// <summary>
    /// The engine's breakdown when it computed one; else the sum of the money facts the policy's first refund formula
    /// adds up to what was paid, when the case has all of them (a denial computes no breakdown); else unknown (null).
    /// </summary>
    public static decimal? Paid(RefundCase refundCase, Policy? policy)
    {
        if (refundCase.Decision?.Breakdown is { } breakdown)
        {
            return breakdown.Paid;
        }

        var paidFacts = policy?.Rules.FirstOrDefault(r => r.Refund is not null)?.Refund!.Paid;
        if (paidFacts is not { Count: > 0 })
        {
            return null;
        }

        decimal total = 0;
        foreach (var fact in paidFacts)
        {
            if (!refundCase.Facts.TryGetValue(fact, out var text)
                || !decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount))
            {
                return null;
            }

            total += amount;
        }

        return total;
    }
}
