using RefundBot.Eligibility.Model;
using static RefundBot.Eligibility.Model.Outcome;

namespace RefundBot.Eligibility.Tests;

/// <summary>Necxian (002): non-refundable classes, recalls and defects case by case, subscriptions, digital products in 7 days.</summary>
public sealed class NecxianTests
{
    private const string Now = "2026-03-10T12:00:00-04:00";

    [Theory]
    [InlineData("purchase_date=2026-03-01; product_type=downloadable_software; product_issue=neither", Denied, "non-refundable-products")]
    [InlineData("purchase_date=2026-03-01; product_type=customized_product; product_issue=neither", Denied, "non-refundable-products")]
    [InlineData("purchase_date=2026-03-01; product_type=downloadable_software; product_issue=significant_defect", HumanReview, "recall-or-defect")]
    [InlineData("purchase_date=2026-03-01; product_type=physical_product; product_issue=recall", HumanReview, "recall-or-defect")]
    [InlineData("purchase_date=2026-03-01; product_type=clearance_item; product_issue=neither", Denied, "promotional-and-clearance")]
    [InlineData("purchase_date=2026-03-01; product_type=subscription; reason_category=changed_mind", AlternativeOffered, "subscription")]
    [InlineData("purchase_date=2026-03-01; product_type=subscription; reason_category=billing_error", HumanReview, "subscription-error")]
    [InlineData("purchase_date=2026-03-03; product_type=digital_product; reason_category=technical_problem; troubleshooting_outcome=not_tried", TroubleshootingRequired, "digital-product-troubleshooting")]
    [InlineData("purchase_date=2026-03-02; product_type=digital_product; troubleshooting_outcome=not_tried", Denied, "digital-product-late")]
    [InlineData("purchase_date=2026-03-05; product_type=digital_product; reason_category=technical_problem; troubleshooting_outcome=resolved", Resolved, "digital-product-resolved")]
    // "If you are not satisfied with a digital product ... within 7 days. We will review your request": no troubleshooting for a change of mind
    [InlineData("purchase_date=2026-03-05; product_type=digital_product; reason_category=changed_mind", HumanReview, "digital-product-not-satisfied")]
    [InlineData("purchase_date=2026-03-05; product_type=digital_product; reason_category=technical_problem; troubleshooting_outcome=unresolved", MoreFactsNeeded, "digital-product-review-without-screenshots")]
    [InlineData("purchase_date=2026-03-05; product_type=digital_product; reason_category=technical_problem; troubleshooting_outcome=unresolved; issue_screenshots=received:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", HumanReview, "digital-product-review")]
    [InlineData("purchase_date=2026-03-05; product_type=digital_product; reason_category=technical_problem; troubleshooting_outcome=unresolved; issue_screenshots=missing", HumanReview, "digital-product-review-without-screenshots")]
    [InlineData("purchase_date=2026-01-05; product_type=custom_development; significant_deviation=true", HumanReview, "specialized-engagement-deviation")]
    [InlineData("purchase_date=2026-01-05; product_type=bespoke_consulting; significant_deviation=false", Denied, "specialized-engagement")]
    [InlineData("purchase_date=2026-01-05; product_type=professional_service", HumanReview, "professional-service")]
    [InlineData("purchase_date=2026-01-05; product_type=third_party_service", HumanReview, "third-party-service")]
    [InlineData("purchase_date=2026-03-01; product_type=physical_product; product_issue=neither", HumanReview, "product-review")]
    [InlineData("purchase_date=2026-03-01", MoreFactsNeeded, "recall-or-defect")]
    public void Decides_as_the_policy_says(string facts, Outcome outcome, string rule) =>
        DecisionCase.Check("necxian", Now, facts, outcome, null, rule);

    [Fact]
    public void Store_credit_or_exchange_is_offered_when_a_person_reviews_a_product()
    {
        var decision = DecisionCase.Check("necxian", Now, "purchase_date=2026-03-01; product_type=physical_product; product_issue=neither", HumanReview, null, "product-review");

        Assert.Equal(["credit", "exchange"], decision.Alternatives);
        Assert.Contains("store-credit-or-exchange", decision.Sections);
    }
}
