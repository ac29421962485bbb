using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Cases;

/// <summary>
/// The stored name of an outcome: what a case records and what the texts are keyed by ("decision.fullRefund"), kept
/// with the case so that the case does not depend on the dialog that presents it.
/// </summary>
internal static class OutcomeKeys
{
    public static string Of(Outcome outcome) => outcome switch
    {
        Outcome.FullRefund => "fullRefund",
        Outcome.PartialRefund => "partialRefund",
        Outcome.Denied => "denied",
        Outcome.TroubleshootingRequired => "troubleshootingRequired",
        Outcome.HumanReview => "humanReview",
        Outcome.AlternativeOffered => "alternativeOffered",
        Outcome.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a decided outcome"),
    };
}
