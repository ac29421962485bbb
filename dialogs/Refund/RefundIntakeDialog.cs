using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Gathers the order ID, the purchase date and the reason, asking only for what is not known yet, shows a summary
/// the customer can correct, and records the refund case.
/// Options: a <see cref="JsonObject"/> of facts already known (see <see cref="IntakeFacts"/>).
/// </summary>
internal sealed class RefundIntakeDialog : WaterfallDialog
{
    public const string DialogId = "refundIntake";
    public const string OrderIdPrompt = "refundIntake.orderId";
    public const string PurchaseDatePrompt = "refundIntake.purchaseDate";
    public const string ReasonPrompt = "refundIntake.reason";
    public const string SummaryPrompt = "refundIntake.summary";
    public const string CategoryPrompt = "refundIntake.category";

    internal const string Confirm = "confirm";
    internal const string Deny = "deny";

    /// <summary>Set when the customer said no to the summary: it is shown again as "what would you like to change?".</summary>
    private const string WhatToChangeKey = "summary.whatToChange";

    /// <summary>When the customer asked: the time of the message that began this request (see <see cref="RefundCase.RequestedAt"/>).</summary>
    private const string RequestedAtKey = "requestedAt";

    /// <summary>How long a customer may take to give the order, date and reason and confirm, and still be judged at the first message.</summary>
    private static readonly TimeSpan LongestRequest = TimeSpan.FromHours(24);

    /// <summary>After this many rounds of not understanding an answer within one request, a person is brought in.</summary>
    private const int MisunderstandingsBeforeHandoff = 2;

    public RefundIntakeDialog(
        ReasonCatalog reasons, CaseStore cases, PolicySelector policies, IOrderDirectory orders, IntakeFacts intakeFacts, Escalation escalation,
        EarlierCases earlierCases)
        : base(DialogId,
        [
            AskOrderIdAsync,
            (step, ct) => LookUpOrderAsync(step, policies, orders, intakeFacts, escalation, earlierCases, ct),
            AskPurchaseDateAsync,
            (step, ct) => AskReasonAsync(step, reasons, escalation, ct),
            (step, ct) => ClassifyReasonAsync(step, reasons, intakeFacts, ct),
            (step, ct) => ShowSummaryAsync(step, reasons, policies, escalation, ct),
            (step, ct) => ActOnSummaryAsync(step, cases, policies, escalation, ct),
        ])
    {
    }

    /// <summary>The prompts this dialog uses, to register beside it.</summary>
    public static IEnumerable<Dialog> Prompts(OrderIdRecognizer orderIds, IDateRecognizer dates, CustomerClock clock, ReasonCatalog reasons) =>
    [
        new TextPrompt(OrderIdPrompt, (text, _) => orderIds.Find(text) is { } id ? Recognized<string>.Success(id) : Recognized<string>.Failure()),
        new DatePrompt(PurchaseDatePrompt, dates, clock),
        new TextPrompt(ReasonPrompt, validator: (text, turn) => IsOnlyYesOrNo(turn, text, reasons) ? turn.Text("intake.reasonNotYesOrNo") : null),
        new SummaryPrompt(SummaryPrompt, orderIds, dates, clock),
        new ReasonCategoryPrompt(CategoryPrompt, reasons),
    ];

    /// <summary>
    /// "oui", "no", "yes please" to "Why would you like a refund?" say no reason (the customer answered another question,
    /// or the summary they expected): not kept as one. A sentence with a no that names a reason ("no it just doesn't
    /// work") is a reason.
    /// </summary>
    private static bool IsOnlyYesOrNo(TurnContext turn, string text, ReasonCatalog reasons) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3
        && ConfirmPrompt.YesOrNo(turn, text) is not null
        && reasons.Match(turn, text) is null;

    private static Task<DialogTurnResult> AskOrderIdAsync(WaterfallStepContext step, CancellationToken ct)
    {
        CopyKnownFacts(step);
        step.Values[RequestedAtKey] ??= step.Turn.Now.ToString("O", CultureInfo.InvariantCulture);
        return Has(step, IntakeFacts.OrderId)
            ? step.NextAsync(cancellationToken: ct)
            : step.PromptAsync(OrderIdPrompt, new PromptOptions
            {
                Text = step.Turn.Text("intake.askOrderId"),
                RetryText = step.Turn.Text("intake.orderIdRetry"),
            }, ct);
    }

    /// <summary>
    /// Finds the order in the business's records; its date and facts replace what would otherwise be asked. An order
    /// with an open case carries on from that case instead (<see cref="EarlierCases"/>).
    /// </summary>
    private static async Task<DialogTurnResult> LookUpOrderAsync(
        WaterfallStepContext step, PolicySelector policies, IOrderDirectory orders, IntakeFacts intakeFacts, Escalation escalation,
        EarlierCases earlierCases, CancellationToken ct)
    {
        if (!Collect(step, IntakeFacts.OrderId))
        {
            return await GiveUpAsync(step, escalation, ct);
        }

        // "A-1234, bought yesterday, it doesn't work" in answer to the order question: keep the rest too. (A first
        // message that gave the order id was read in full already: it is not sent to an extractor twice.)
        var message = step.Result is null ? intakeFacts.FromMessage(step.Turn) : await intakeFacts.FromMessageAsync(step.Turn, ct);
        foreach (var (name, value) in message)
        {
            if (name is IntakeFacts.StatedFacts or IntakeFacts.UnconfirmedFacts && step.Values[name] is JsonObject stated && value is JsonObject more)
            {
                foreach (var (fact, said) in more)
                {
                    stated[fact] = said?.DeepClone(); // the customer's later word stands over their earlier one
                }
            }

            step.Values[name] ??= value?.DeepClone();
        }

        if (!Has(step, IntakeFacts.OrderFacts)
            && await orders.FindAsync(policies.PolicyOf(step.Turn).Id, Get(step, IntakeFacts.OrderId), ct) is { } order)
        {
            UseOrder(step, order);
        }

        return await earlierCases.CarryOnAsync(step, Get(step, IntakeFacts.OrderId), ct) ?? await step.NextAsync(cancellationToken: ct);
    }

    private static void UseOrder(WaterfallStepContext step, OrderRecord order)
    {
        var recorded = order.PurchaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var stated = step.Values[IntakeFacts.PurchaseDate]?.GetValue<string>();
        if (stated is not null && stated != recorded)
        {
            step.Turn.Send(step.Turn.Text("intake.dateMismatch",
                ("stated", DatePrompt.InWords(step.Turn, stated)), ("recorded", DatePrompt.InWords(step.Turn, recorded))));
        }

        var facts = new JsonObject();
        foreach (var (name, value) in order.Facts)
        {
            facts[name] = value;
        }

        facts[PolicyFacts.PurchaseDate] = recorded;
        if (order.PurchaseTime is { } time)
        {
            facts[PolicyFacts.PurchaseTime] = time.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        step.Values[IntakeFacts.OrderFacts] = facts;
        step.Values[IntakeFacts.PurchaseDate] = recorded;
    }

    private static Task<DialogTurnResult> AskPurchaseDateAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var example = DatePrompt.Example(step.Turn);
        return Has(step, IntakeFacts.PurchaseDate)
            ? step.NextAsync(cancellationToken: ct)
            : step.PromptAsync(PurchaseDatePrompt, new PromptOptions
            {
                Text = step.Turn.Text("intake.askPurchaseDate", ("example", example)),
                RetryText = step.Turn.Text("intake.purchaseDateRetry", ("example", example)),
            }, ct);
    }

    private static Task<DialogTurnResult> AskReasonAsync(WaterfallStepContext step, ReasonCatalog reasons, Escalation escalation, CancellationToken ct)
    {
        if (!Collect(step, IntakeFacts.PurchaseDate))
        {
            return GiveUpAsync(step, escalation, ct);
        }

        return Has(step, IntakeFacts.Reason)
            ? step.NextAsync(cancellationToken: ct)
            : step.PromptAsync(ReasonPrompt, new PromptOptions
            {
                Text = step.Turn.Text("intake.askReason"),
                Choices = reasons.Categories(step.Turn).Select(c => new Choice(c.Id, c.Title.In(step.Turn.Language))).ToList(),
            }, ct);
    }

    /// <summary>A reason typed in the customer's words is matched to a category; when nothing matches, the customer picks one.</summary>
    private static Task<DialogTurnResult> ClassifyReasonAsync(WaterfallStepContext step, ReasonCatalog reasons, IntakeFacts intakeFacts, CancellationToken ct)
    {
        if (step.Result?.GetValue<string>() is { } typed)
        {
            if (intakeFacts.DateInsteadOfReason(step.Turn, typed) is { } date)
            {
                return DateInsteadOfReasonAsync(step, date, ct);
            }

            step.Values[IntakeFacts.Reason] = typed;
        }

        if (!Has(step, IntakeFacts.Reason) || Has(step, IntakeFacts.ReasonCategory))
        {
            return step.NextAsync(cancellationToken: ct);
        }

        if (reasons.Match(step.Turn, Get(step, IntakeFacts.Reason)) is { } match)
        {
            step.Values[IntakeFacts.ReasonCategory] = match.Category.Id;
            return step.NextAsync(cancellationToken: ct);
        }

        return step.PromptAsync(CategoryPrompt, new PromptOptions
        {
            Text = step.Turn.Text("intake.whichCategory"),
            RetryText = step.Turn.Text("intake.whichCategoryRetry"),
            Choices = reasons.Categories(step.Turn).Select(c => new Choice(c.Id, c.Title.In(step.Turn.Language))).ToList(),
        }, ct);
    }

    /// <summary>
    /// "actually i bought it on dec 3" to the reason question corrects the date (it was kept as the reason): the date is
    /// noted, or the order record's is said to stand, and the reason is asked again.
    /// </summary>
    private static Task<DialogTurnResult> DateInsteadOfReasonAsync(WaterfallStepContext step, string date, CancellationToken ct)
    {
        var turn = step.Turn;
        if ((step.Values[IntakeFacts.OrderFacts] as JsonObject)?[PolicyFacts.PurchaseDate]?.GetValue<string>() is { } recorded)
        {
            if (recorded != date)
            {
                turn.Send(turn.Text("intake.dateMismatch", ("stated", DatePrompt.InWords(turn, date)), ("recorded", DatePrompt.InWords(turn, recorded))));
            }
        }
        else
        {
            step.Values[IntakeFacts.PurchaseDate] = date;
            turn.Send(turn.Text("intake.dateNoted", ("date", DatePrompt.InWords(turn, date))));
        }

        return step.BackAsync(ct);
    }

    private static Task<DialogTurnResult> ShowSummaryAsync(WaterfallStepContext step, ReasonCatalog reasons, PolicySelector policies, Escalation escalation, CancellationToken ct)
    {
        if (step.Result is JsonObject chosen && chosen.Deserialize<ReasonCategoryAnswer>(ActivityJson.Options) is { } answer)
        {
            step.Values[IntakeFacts.ReasonCategory] = answer.CategoryId;
            if (answer.Words is { } words)
            {
                step.Values[IntakeFacts.Reason] = $"{Get(step, IntakeFacts.Reason)} / {words}"; // the customer's words, both times
            }
        }

        if (Has(step, IntakeFacts.Reason) && !Has(step, IntakeFacts.ReasonCategory))
        {
            step.Values[IntakeFacts.ReasonCategory] = reasons.Find(step.Turn, Eligibility.Model.ReasonCategory.Other).Id;
        }

        if (!Has(step, IntakeFacts.Reason))
        {
            return GiveUpAsync(step, escalation, ct);
        }

        var turn = step.Turn;
        var whatToChange = step.Values.Remove(WhatToChangeKey);
        return step.PromptAsync(SummaryPrompt, new PromptOptions
        {
            Text = whatToChange ? turn.Text("intake.whatToChange") : turn.Text("intake.summary",
                ("orderId", Get(step, IntakeFacts.OrderId)),
                ("purchaseDate", DatePrompt.InWords(turn, Get(step, IntakeFacts.PurchaseDate))
                    + (Has(step, IntakeFacts.OrderFacts) ? turn.Text("intake.fromOrder") : "")),
                ("reason", ReasonLine(step, reasons)),
                ("stated", StatedLines(step, policies))),
            RetryText = turn.Text("intake.summaryRetry"),
            TakesAnswerBesideQuestion = false,
            Choices =
            [
                ConfirmChoice(turn.Text("intake.confirm")),
                DenyChoice(turn.Text("confirm.no")),
                ChangeChoice(IntakeFacts.OrderId, turn.Text("intake.changeOrderId")),
                ChangeChoice(IntakeFacts.PurchaseDate, turn.Text("intake.changePurchaseDate")),
                ChangeChoice(IntakeFacts.Reason, turn.Text("intake.changeReason")),
            ],
        }, ct);
    }

    /// <summary>
    /// The reason as the summary shows it: its category and, quoted, the customer's own words ("It doesn't work — `the
    /// app keeps crashing`"), so that a category misread can be corrected before it counts; a button's title once.
    /// </summary>
    private static string ReasonLine(WaterfallStepContext step, ReasonCatalog reasons)
    {
        var turn = step.Turn;
        var words = Get(step, IntakeFacts.Reason);
        var id = Get(step, IntakeFacts.ReasonCategory);
        var title = reasons.Categories(turn).FirstOrDefault(c => c.Id == id)?.Title.In(turn.Language);
        return title is null || TextNormalizer.Fold(words) == TextNormalizer.Fold(title)
            ? CustomerText.Quoted(words)
            : turn.Text("intake.reasonWithCategory", ("category", title), ("words", CustomerText.Quoted(words)));
    }

    /// <summary>
    /// The policy facts read from the customer's words (product, amount paid), one line each under the policy's label
    /// for them, so that they are confirmed with the rest before they count; those the order record gives are not shown
    /// (the record wins). Empty when there are none.
    /// </summary>
    private static string StatedLines(WaterfallStepContext step, PolicySelector policies)
    {
        var turn = step.Turn;
        var policy = policies.PolicyOf(turn);
        var recorded = step.Values[IntakeFacts.OrderFacts] as JsonObject;
        var lines = new System.Text.StringBuilder();
        foreach (var (id, value) in step.Values[IntakeFacts.StatedFacts] as JsonObject ?? [])
        {
            if (recorded?[id] is not null || value is null || policy.Fact(id) is not { } fact)
            {
                continue;
            }

            var said = value.GetValue<string>();
            var shown = fact.Type switch
            {
                Eligibility.Model.FactType.Money => DecisionPresenter.FormatMoney(decimal.Parse(said, CultureInfo.InvariantCulture), policy.Currency, turn.Culture),
                Eligibility.Model.FactType.Choice => fact.Choices.FirstOrDefault(c => c.Id == said)?.Label.In(turn.Language) ?? said,
                _ => said,
            };
            lines.Append(turn.Text("intake.statedFact", ("label", fact.Label.In(turn.Language)), ("value", shown)));
        }

        return lines.ToString();
    }

    /// <summary>The summary's yes: "yep thats it", "ouais c'est ça", "send it" submit; a question or a hedge never does.</summary>
    internal static Choice ConfirmChoice(string title) =>
        new(Confirm, title, AnswerWords.Of(AnswerWords.Submit)) { Polarity = ChoicePolarity.Yes };

    /// <summary>
    /// A summary button that changes one fact, also chosen by naming it ("the date is wrong"); its words are in
    /// answers.json. Not a yes nor a no: a yes beside it ("yes the order is correct") is asked again, not taken as a change.
    /// </summary>
    internal static Choice ChangeChoice(string fact, string title) => new(fact, title, AnswerWords.Of(fact switch
    {
        IntakeFacts.OrderId => AnswerWords.ChangeOrderId,
        IntakeFacts.PurchaseDate => AnswerWords.ChangePurchaseDate,
        _ => AnswerWords.ChangeReason,
    }));

    /// <summary>The summary's no ("what?? no of course not"): not a button, it asks what to change.</summary>
    internal static Choice DenyChoice(string title) => new(Deny, title) { Polarity = ChoicePolarity.No, Hidden = true };

    private static async Task<DialogTurnResult> ActOnSummaryAsync(
        WaterfallStepContext step, CaseStore cases, PolicySelector policies, Escalation escalation, CancellationToken ct)
    {
        if (step.Result.Deserialize<SummaryAnswer>(ActivityJson.Options) is not { } summary)
        {
            return await GiveUpAsync(step, escalation, ct);
        }

        step.Turn.State.Misunderstandings = 0;
        if (Corrected(step, summary) is { } corrected)
        {
            return await step.Dialog.ReplaceDialogAsync(DialogId, corrected, ct);
        }

        var answer = summary.Choice;
        if (answer != Confirm)
        {
            var kept = (JsonObject)step.Values.DeepClone();
            if (answer == Deny)
            {
                kept[WhatToChangeKey] = true;
            }
            else if (answer is not null)
            {
                Forget(kept, answer);
            }

            return await step.Dialog.ReplaceDialogAsync(DialogId, kept, ct);
        }

        var refundCase = RecordCase(step, cases, policies);
        step.Turn.Send(step.Turn.Text("intake.recorded", ("caseId", refundCase.Id)));
        var facts = step.Values[IntakeFacts.OrderFacts]?.DeepClone() as JsonObject ?? [];
        foreach (var (name, value) in step.Values[IntakeFacts.StatedFacts] as JsonObject ?? [])
        {
            // What the business's record says wins over what the customer wrote in passing.
            facts[name] ??= value?.DeepClone();
        }

        facts[PolicyFacts.PurchaseDate] = Get(step, IntakeFacts.PurchaseDate);
        facts[PolicyFacts.ReasonCategory] ??= Get(step, IntakeFacts.ReasonCategory);
        var unconfirmed = step.Values[IntakeFacts.UnconfirmedFacts]?.DeepClone() as JsonObject;
        var sources = FactProvenance.OfIntake(facts, step.Values[IntakeFacts.OrderFacts] as JsonObject, step.Turn.Now);
        return await step.Dialog.BeginDialogAsync(EligibilityDialog.DialogId, EligibilityDialog.Options(refundCase.Id, facts, refundCase.Reason, unconfirmed, sources: sources), ct);
    }

    /// <summary>Removes a fact so that the intake asks for it again, with what depends on it.</summary>
    private static void Forget(JsonObject facts, string fact)
    {
        facts.Remove(fact);
        if (fact == IntakeFacts.OrderId && facts.Remove(IntakeFacts.OrderFacts))
        {
            facts.Remove(IntakeFacts.PurchaseDate);
        }

        if (fact == IntakeFacts.Reason)
        {
            facts.Remove(IntakeFacts.ReasonCategory);
        }
    }

    /// <summary>
    /// The facts with the corrections the answer to the summary holds ("no sorry i mean april 3rd"), or null when it
    /// holds none that differ. A date the order record gives is kept, and the customer told so.
    /// </summary>
    private static JsonObject? Corrected(WaterfallStepContext step, SummaryAnswer summary)
    {
        var facts = (JsonObject)step.Values.DeepClone();
        var changed = false;
        if (summary.OrderId is { } orderId && orderId != Get(step, IntakeFacts.OrderId))
        {
            Forget(facts, IntakeFacts.OrderId);
            facts[IntakeFacts.OrderId] = orderId;
            changed = true;
        }

        var stated = summary.PurchaseDate;
        if ((stated is not null && stated != Get(step, IntakeFacts.PurchaseDate)) || summary.DateUnclear)
        {
            if (facts[IntakeFacts.OrderFacts] is not null)
            {
                if (stated is not null)
                {
                    step.Turn.Send(step.Turn.Text("intake.dateMismatch",
                        ("stated", DatePrompt.InWords(step.Turn, stated)), ("recorded", DatePrompt.InWords(step.Turn, Get(step, IntakeFacts.PurchaseDate)))));
                }
            }
            else if (stated is not null)
            {
                facts[IntakeFacts.PurchaseDate] = stated;
            }
            else
            {
                facts.Remove(IntakeFacts.PurchaseDate);
            }

            changed = true;
        }

        return changed ? facts : null;
    }

    /// <summary>
    /// When the customer asked: the message that began the request, unless the customer left it unfinished for longer
    /// than <see cref="LongestRequest"/>; then the confirmation is the request (the customer's own delay never counts in
    /// their favour, only the waits the policy imposes after the request do).
    /// </summary>
    private static DateTimeOffset RequestInstant(WaterfallStepContext step)
    {
        var now = step.Turn.Now;
        return step.Values[RequestedAtKey]?.GetValue<string>() is { } text
            && DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) is var asked
            && now - asked <= LongestRequest
                ? asked
                : now;
    }

    private static RefundCase RecordCase(WaterfallStepContext step, CaseStore cases, PolicySelector policies)
    {
        var turn = step.Turn;
        var conversationKey = StateKeys.Conversation(turn.Activity);
        var refundCase = new RefundCase
        {
            Id = RefundCase.NewId(conversationKey, turn.Activity.Id),
            ConversationKey = conversationKey,
            CreatedAt = turn.Now,
            Language = turn.Language,
            OrderId = Get(step, IntakeFacts.OrderId),
            PolicyId = policies.PolicyOf(turn).Id, // so that another business's order with the same id is not this case
            PurchaseDate = DateOnly.ParseExact(Get(step, IntakeFacts.PurchaseDate), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Reason = Get(step, IntakeFacts.Reason),
            ReasonCategory = Get(step, IntakeFacts.ReasonCategory),
            Reference = turn.State.Reference,
            RequestedAt = RequestInstant(step),
            History = [new CaseEvent(turn.Now, CaseActor.Customer, null, CaseStatus.Submitted, "summary confirmed")],
        };
        cases.Save(turn, refundCase);
        return refundCase;
    }

    /// <summary>
    /// A prompt ran out of attempts: keep what we have and ask again for what is missing. The second time, a person
    /// is brought in instead; the question waits, unasked, for when the bot resumes.
    /// </summary>
    private static async Task<DialogTurnResult> GiveUpAsync(WaterfallStepContext step, Escalation escalation, CancellationToken ct)
    {
        var turn = step.Turn;
        turn.State.Misunderstandings++;
        if (turn.State.Misunderstandings < MisunderstandingsBeforeHandoff)
        {
            turn.Send(turn.Text("intake.giveUp"));
            return await step.Dialog.ReplaceDialogAsync(DialogId, step.Values.DeepClone(), ct);
        }

        turn.State.Misunderstandings = 0;
        turn.Send(turn.Text("handoff.misunderstood"));
        var repliesBefore = turn.Replies.Count;
        var result = await step.Dialog.ReplaceDialogAsync(DialogId, step.Values.DeepClone(), ct);
        turn.RetractRepliesAfter(repliesBefore);
        await escalation.EscalateAsync(step.Dialog, HandoffReasons.RepeatedMisunderstanding, null, ct);
        return result;
    }

    private static void CopyKnownFacts(WaterfallStepContext step)
    {
        if (step.Options is not JsonObject known)
        {
            return;
        }

        foreach (var (name, value) in known)
        {
            step.Values[name] = value?.DeepClone();
        }
    }

    /// <summary>Stores the previous prompt's answer under <paramref name="fact"/>; false when the fact is still unknown.</summary>
    private static bool Collect(WaterfallStepContext step, string fact)
    {
        if (step.Result is JsonValue answer && !Has(step, fact))
        {
            step.Values[fact] = answer.DeepClone();
        }

        return Has(step, fact);
    }

    private static bool Has(WaterfallStepContext step, string fact) => step.Values[fact] is not null;

    private static string Get(WaterfallStepContext step, string fact) => step.Values[fact]!.GetValue<string>();

}
