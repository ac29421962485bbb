using RefundBot.Bot.AgentDesk;
using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.Tests.AgentDesk;

/// <summary>A case's facts as an agent reads them: a bound the customer gave is shown as theirs, never as the figure.</summary>
public sealed class DeskFactsTests
{
    private static readonly RefundBot.Eligibility.Model.Policy SmartersPro =
        PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")).Get("smarters-pro");

    [Theory]
    [InlineData("lessThan", "less than 48")]
    [InlineData("atLeast", "at least 48")]
    [InlineData(null, "48")]
    public void A_bound_the_customer_gave_is_shown_with_its_side(string? bound, string shown)
    {
        var at = new DateTimeOffset(2026, 3, 13, 9, 0, 0, TimeSpan.Zero);
        var refundCase = new RefundCase
        {
            Id = "RB-7K2M9Q4D",
            ConversationKey = "test/conversations/c",
            CreatedAt = at,
            Language = "en",
            OrderId = "SP-6363",
            PurchaseDate = new DateOnly(2026, 3, 1),
            Reason = "no signal",
            ReasonCategory = "defective",
            PolicyId = SmartersPro.Id,
            Status = CaseStatus.Decided,
            Facts = new Dictionary<string, string> { ["outage_hours"] = "48" },
            FactSources = new Dictionary<string, FactSource> { ["outage_hours"] = new(FactSource.Customer, at, Bound: bound) },
        };

        Assert.Equal(shown, Assert.Single(DeskFacts.Of(refundCase, SmartersPro)).Value);
    }
}
