using System.Globalization;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Prompts;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// The facts the intake gathers, and what can already be read from a customer's opening message
/// ("refund for order A-1234 bought yesterday, it doesn't work" gives all three).
/// </summary>
public sealed class IntakeFacts(OrderIdRecognizer orderIds, IDateRecognizer dates, ReasonCatalog reasons, CustomerClock clock)
{
    public const string OrderId = "orderId";
    public const string PurchaseDate = "purchaseDate";
    public const string Reason = "reason";
    public const string ReasonCategory = "reasonCategory";

    /// <summary>The policy facts an order record gave (a JSON object), when the order was found.</summary>
    public const string OrderFacts = "orderFacts";

    /// <summary>The facts in the customer's message, leaving out any question it asked (see <see cref="TurnContext.AnswerText"/>).</summary>
    public JsonObject FromMessage(TurnContext turn) => FromText(turn, turn.AnswerText ?? turn.Activity.Text ?? "");

    /// <summary>The facts in <paramref name="text"/>, the customer's message or the part of it that is not a question.</summary>
    private JsonObject FromText(TurnContext turn, string text)
    {
        var facts = new JsonObject();
        if (orderIds.Find(text) is { } orderId)
        {
            facts[OrderId] = orderId;
        }

        if (dates.Recognize(text, clock.DateContext(turn)) is { Date: { } date, Problem: DateProblem.None })
        {
            facts[PurchaseDate] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        // The reason is kept in the customer's own words, the part of the message that names it, beside its category.
        if (reasons.Match(turn, text) is { } reason && reason.Category.Id != Eligibility.Model.ReasonCategory.Other)
        {
            facts[Reason] = reason.Words;
            facts[ReasonCategory] = reason.Category.Id;
        }

        return facts;
    }
}

/// <summary>The fact ids by which the intake's answers reach every policy (see policy-content/README.md).</summary>
public static class PolicyFacts
{
    public const string PurchaseDate = "purchase_date";
    public const string ReasonCategory = "reason_category";
    public const string PurchaseTime = "purchase_time";
    public const string TroubleshootingOutcome = "troubleshooting_outcome";
}
