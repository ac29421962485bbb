using System.Globalization;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// The facts the intake gathers, and what can already be read from a customer's opening message
/// ("refund for order A-1234 bought yesterday, it doesn't work" gives all three; "hi, NX-3001, bought on the 15th, the
/// app keeps crashing, I paid €49.99" also gives the policy's product and amount: see <see cref="PolicyFactsIn"/>).
/// </summary>
internal sealed class IntakeFacts(
    OrderIdRecognizer orderIds, IDateRecognizer dates, ReasonCatalog reasons, CustomerClock clock, PolicySelector policies,
    IFactExtractor extractor, ExtractedFactsChecker checker)
{
    public const string OrderId = "orderId";
    public const string PurchaseDate = "purchaseDate";
    public const string Reason = "reason";
    public const string ReasonCategory = "reasonCategory";

    /// <summary>The policy facts an order record gave (a JSON object), when the order was found.</summary>
    public const string OrderFacts = "orderFacts";

    /// <summary>The policy facts the customer's own messages gave (a JSON object): a record's facts, when found, win.</summary>
    public const string StatedFacts = "statedFacts";

    /// <summary>
    /// Policy facts only an extractor read from the customer's words (<c>{ id: { value, quote } }</c>): the recognizers
    /// confirmed the value from the quote, but the customer is asked before it counts (see <see cref="EligibilityDialog"/>).
    /// </summary>
    public const string UnconfirmedFacts = "unconfirmedFacts";

    /// <summary>The facts in the customer's message, leaving out any question it asked (see <see cref="TurnContext.AnswerText"/>).</summary>
    public JsonObject FromMessage(TurnContext turn) => FromText(turn, turn.AnswerText ?? turn.Activity.Text ?? "");

    /// <summary>
    /// <see cref="FromMessage"/>, and, for a long message when an extractor is configured, what it reads that the
    /// recognizers did not find in the whole message but confirm from the words it quotes. The extractor adds only
    /// missing facts, never replaces one; when it is off, fails or times out the result is <see cref="FromMessage"/>'s.
    /// </summary>
    public async Task<JsonObject> FromMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var text = turn.AnswerText ?? turn.Activity.Text ?? "";
        var facts = FromText(turn, text);
        if (!WouldExtract(turn))
        {
            return facts;
        }

        var policy = policies.PolicyOf(turn);
        var extracted = await extractor.ExtractAsync(FactSchema.For(policy, turn.Language), text, turn.Language, cancellationToken);
        foreach (var (id, candidate) in extracted)
        {
            AddExtracted(turn, text, facts, policy, id, candidate);
        }

        return facts;
    }

    /// <summary>Whether an extractor is configured and the customer's message is long enough to be read by it.</summary>
    public bool WouldExtract(TurnContext turn) =>
        extractor.MinLength > 0 && (turn.AnswerText ?? turn.Activity.Text ?? "").Length >= extractor.MinLength;

    private void AddExtracted(TurnContext turn, string text, JsonObject facts, Eligibility.Model.Policy policy, string id, ExtractedFact candidate)
    {
        var isIntakeFact = id is OrderId or PurchaseDate or Reason;
        var fact = isIntakeFact ? null : policy.Fact(id);
        if ((isIntakeFact ? facts[id] : facts[StatedFacts]?[id]) is not null || (!isIntakeFact && fact is null)
            || checker.Confirmed(turn, text, id, fact, candidate) is not { } value)
        {
            return;
        }

        if (isIntakeFact)
        {
            // The intake's facts are all shown in its summary, which the customer confirms or corrects.
            facts[id] = value;
            if (id == Reason && reasons.Match(turn, value) is { } reason)
            {
                facts[ReasonCategory] = reason.Category.Id;
            }

            return;
        }

        var unconfirmed = facts[UnconfirmedFacts] as JsonObject ?? [];
        unconfirmed[id] = new JsonObject { ["value"] = value, ["quote"] = candidate.Quote.Trim() };
        facts[UnconfirmedFacts] = unconfirmed;
    }

    /// <summary>The facts in <paramref name="text"/>, the customer's message or the part of it that is not a question.</summary>
    /// <summary>
    /// "actually i bought it on dec 3", "le 3 décembre" to "Why would you like a refund?": a purchase date said again,
    /// and no reason (<see cref="PurchaseDateRecognizer.SaysPurchaseOrCorrection"/>, or the answer is only the date);
    /// the date, else null.
    /// </summary>
    public string? DateInsteadOfReason(TurnContext turn, string text)
    {
        var context = clock.DateContext(turn);
        return reasons.Match(turn, text) is null
            && dates.Recognize(text, context) is { Date: { } date, Problem: DateProblem.None } && !DatePrompt.IsTooLongAgo(date, context)
            && PurchaseDateRecognizer.SaysPurchaseOrCorrection(text)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    private JsonObject FromText(TurnContext turn, string message)
    {
        var facts = new JsonObject();
        if (orderIds.Find(message) is { } orderId)
        {
            facts[OrderId] = orderId;
        }

        // The other facts are read from the rest: the digits of "A-123456" are not a purchase date.
        var text = orderIds.WithoutIds(message);
        var context = clock.DateContext(turn);
        if (dates.Recognize(text, context) is { Date: { } date, Problem: DateProblem.None } && !DatePrompt.IsTooLongAgo(date, context))
        {
            // A date the date question would question (more than ten years back) is left to it, not taken in passing.
            facts[PurchaseDate] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        // The reason is kept in the customer's own words, the part of the message that names it, beside its category.
        if (reasons.Match(turn, text) is { } reason && reason.Category.Id != Eligibility.Model.ReasonCategory.Other)
        {
            facts[Reason] = reason.Words;
            facts[ReasonCategory] = reason.Category.Id;
        }

        if (PolicyFactsIn(turn, text) is { Count: > 0 } stated)
        {
            facts[StatedFacts] = stated;
        }

        return facts;
    }

    /// <summary>
    /// The product and the amount a message states, under the ids every policy uses for them (policy-content/README.md):
    /// the product when the message's words select one of its choices with no doubt (the same reading as an answer to
    /// that question: a negated, hedged or second option selects nothing; a word that only says "refund" selects
    /// nothing a refund bot can use, so no other choice fact is read from a mention), the amount when it is written
    /// with the policy's currency beside a word of paying (<see cref="MoneyRecognizer.FindPaid"/>) and is the policy's
    /// only money fact (with several, which one is meant would be a guess). Both are shown in the summary to be confirmed.
    /// </summary>
    private JsonObject PolicyFactsIn(TurnContext turn, string text)
    {
        var policy = policies.PolicyOf(turn);
        var facts = new JsonObject();
        if (policy.Fact(PolicyFacts.ProductType) is { Type: Eligibility.Model.FactType.Choice } product
            && ChoiceRecognizer.Read(text, product.Choices.Select(c => EligibilityDialog.ChoiceOf(c, turn.Language)).ToList())
                is { Choice: { } choice, Doubt: ChoiceDoubt.None })
        {
            facts[product.Id] = choice.Value;
        }

        if (policy.Fact(PolicyFacts.AmountPaid) is { Type: Eligibility.Model.FactType.Money } amount
            && policy.Facts.Count(f => f.Type == Eligibility.Model.FactType.Money) == 1
            && MoneyRecognizer.FindPaid(text, turn.Language, policy.Currency) is { } paid)
        {
            facts[amount.Id] = paid.ToString(CultureInfo.InvariantCulture);
        }

        return facts;
    }
}

/// <summary>The fact ids by which the intake's answers reach every policy (see policy-content/README.md).</summary>
internal static class PolicyFacts
{
    public const string PurchaseDate = "purchase_date";
    public const string ReasonCategory = "reason_category";
    public const string PurchaseTime = "purchase_time";
    public const string TroubleshootingOutcome = "troubleshooting_outcome";

    /// <summary>What was bought: read from a customer's message when its words select one choice with no doubt.</summary>
    public const string ProductType = "product_type";

    /// <summary>The amount paid: read from an amount in the policy's currency beside a word of paying, when it is the policy's only money fact.</summary>
    public const string AmountPaid = "amount_paid";
}
