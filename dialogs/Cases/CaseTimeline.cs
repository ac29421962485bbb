using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Cases;

/// <summary>The policy's refund timeline on a case's facts, counted from a given instant (a decision, a check, a refund issued).</summary>
public static class CaseTimeline
{
    public static DecisionTimeline? From(RefundCase refundCase, DateTimeOffset from, Policy policy) =>
        EligibilityEngine.RefundTimeline(policy, Facts(refundCase, policy), from, refundCase.Decision?.RuleId);

    private static FactValues Facts(RefundCase refundCase, Policy policy)
    {
        var values = new Dictionary<string, object>();
        foreach (var (name, text) in refundCase.Facts)
        {
            if (policy.Fact(name) is { } fact && FactReader.Read(fact, text, out _) is { } value)
            {
                values[name] = value;
            }
        }

        return new FactValues(values);
    }
}
