using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Contact;
using RefundBot.Dialogs.Feedback;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// After the intake: asks, one at a time, for the facts the conversation's policy still needs (the engine names
/// them), then explains the decision and records it on the case. Options: <c>{ caseId, facts: { name: value } }</c>.
/// </summary>
internal sealed class EligibilityDialog(
    PolicySelector policies, CaseStore cases, DecisionPresenter presenter, Escalation escalation, IntakeFacts intakeFacts, ContactOffer contact,
    SatisfactionSurvey survey, RefundRequests refunds, CustomerClock clock)
    : Dialog(DialogId)
{
    public const string DialogId = "eligibility";
    /// <summary>Where the dialog keeps the id of the case it decides (read by the hand-off to find the case).</summary>
    public const string CaseKey = "caseId";
    private const string FactsKey = "facts";
    private const string PendingKey = "pending";
    private const string MisreadKey = "misread";

    public static IEnumerable<Dialog> Prompts(IDateRecognizer dates, CustomerClock clock, ReasonCatalog reasons) =>
    [
        new ConfirmPrompt(PromptId(FactType.Boolean)),
        new ChoicePrompt(PromptId(FactType.Choice)),
        new ReasonChoicePrompt(ReasonPromptId, reasons),
        new NumberPrompt(PromptId(FactType.Number)),
        new DatePrompt(PromptId(FactType.Date), dates, clock),
        new TimePrompt(PromptId(FactType.Time)),
        new DocumentPrompt(PromptId(FactType.Document)),
        .. Enum.GetValues<FactUnit>().Select(unit => new QuantityPrompt(QuantityPromptId(unit), unit, new QuantityRecognizer(dates), clock)),
    ];

    private const string ReasonKey = "reason";

    /// <summary>Values an extractor read from the customer's words (<c>{ id: { value, quote } }</c>), asked about before they count.</summary>
    private const string UnconfirmedKey = "unconfirmed";

    /// <summary>Set while the customer is asked whether a value read from their words is right: the value.</summary>
    private const string ConfirmingKey = "confirming";

    /// <summary>Set when the case already waits for support until then (see <see cref="TroubleshootingDialog"/>): its decision stands.</summary>
    private const string WaitingUntilKey = "waitingUntil";

    /// <summary>Where each fact comes from (<c>{ id: FactSource }</c>, see <see cref="FactProvenance"/>); a fact with none is the customer's.</summary>
    private const string SourcesKey = "sources";

    /// <summary>The document fact the request waits for, once the customer said "later" (until the file or the window's end).</summary>
    private const string AwaitingDocumentKey = "awaitingDocument";

    public static JsonObject Options(
        string caseId, JsonObject facts, string reason, JsonObject? unconfirmed = null, DateTimeOffset? waitingUntil = null, JsonObject? sources = null) =>
        new()
        {
            [CaseKey] = caseId, [FactsKey] = facts, [ReasonKey] = reason, [UnconfirmedKey] = unconfirmed,
            [WaitingUntilKey] = waitingUntil?.ToString("O", CultureInfo.InvariantCulture), [SourcesKey] = sources,
        };

    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        state[CaseKey] = options?[CaseKey]?.DeepClone();
        state[FactsKey] = options?[FactsKey]?.DeepClone() ?? new JsonObject();
        state[ReasonKey] = options?[ReasonKey]?.DeepClone();
        state[UnconfirmedKey] = options?[UnconfirmedKey]?.DeepClone();
        state[WaitingUntilKey] = options?[WaitingUntilKey]?.DeepClone();
        state[SourcesKey] = options?[SourcesKey]?.DeepClone() ?? new JsonObject();
        return DecideOrAskAsync(dc, cancellationToken);
    }

    public override async Task<DialogTurnResult> ResumeAsync(DialogContext dc, JsonNode? result, CancellationToken cancellationToken)
    {
        await NoteWhatElseWasSaidAsync(dc, cancellationToken);
        return await ResumeWithAsync(dc, result, cancellationToken);
    }

    /// <summary>
    /// A long answer may state other facts too ("refund, I paid 120 € and have used it 3 days"): what an extractor
    /// reads and the recognizers confirm is kept unconfirmed, to be asked about when the decision needs it.
    /// </summary>
    private async Task NoteWhatElseWasSaidAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        if (!intakeFacts.WouldExtract(dc.Turn) || (await intakeFacts.FromMessageAsync(dc.Turn, cancellationToken))[IntakeFacts.UnconfirmedFacts] is not JsonObject read)
        {
            return;
        }

        var known = (JsonObject)state[FactsKey]!;
        var unconfirmed = state[UnconfirmedKey] as JsonObject ?? [];
        foreach (var (id, value) in read)
        {
            if (known[id] is null && unconfirmed[id] is null && id != state[PendingKey]?.GetValue<string>())
            {
                unconfirmed[id] = value?.DeepClone();
            }
        }

        state[UnconfirmedKey] = unconfirmed;
    }

    private Task<DialogTurnResult> ResumeWithAsync(DialogContext dc, JsonNode? result, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        var policy = policies.PolicyOf(dc.Turn);
        var fact = policy.Fact(state[PendingKey]!.GetValue<string>())!;
        if (state[ConfirmingKey] is { } confirming)
        {
            // "Is that right?" about a value read from the customer's words: a yes keeps it, anything else asks the question.
            state.Remove(ConfirmingKey);
            if (result?.GetValueKind() != JsonValueKind.True)
            {
                return AskAsync(dc, fact, cancellationToken);
            }

            ((JsonObject)state[FactsKey]!)[fact.Id] = confirming.DeepClone();
            GivenByCustomer(dc, fact.Id);
            return DecideOrAskAsync(dc, cancellationToken);
        }

        if (result is null)
        {
            dc.Turn.Send(dc.Turn.Text("facts.giveUp"));
            return AskAsync(dc, fact, cancellationToken);
        }

        if (fact.Type == FactType.Document)
        {
            return DocumentAnsweredAsync(dc, policy, fact, result.GetValue<string>(), cancellationToken);
        }

        var text = Canonical(result);
        if (FactReader.Read(fact, text, out _) is null)
        {
            // A value the policy refuses (out of range, not whole) is a misunderstanding too: counted towards the offer of a person.
            var misread = (state[MisreadKey]?.GetValue<int>() ?? 0) + 1;
            state[MisreadKey] = misread;
            dc.Turn.Send(Problem(dc.Turn, fact, text));
            return AskAsync(dc, fact, cancellationToken, misread);
        }

        if (ContradictedFacts.In(policy, fact.Id, dc.Turn.Activity.Text ?? "", (JsonObject)state[FactsKey]!, state[SourcesKey] as JsonObject, dc.Turn.Language) is { } earlier)
        {
            return AskAgainContradictedAsync(dc, earlier, cancellationToken);
        }

        ((JsonObject)state[FactsKey]!)[fact.Id] = text;
        GivenByCustomer(dc, fact.Id, (result as JsonObject)?[QuantityPrompt.BoundResultKey]?.GetValue<string>());
        return DecideOrAskAsync(dc, cancellationToken);
    }

    /// <summary>
    /// The answer says otherwise than an earlier one (<see cref="ContradictedFacts"/>): neither is kept; the customer is
    /// told which earlier answer it does not fit, and the decision asks again what it needs, the earlier question first.
    /// </summary>
    private Task<DialogTurnResult> AskAgainContradictedAsync(DialogContext dc, FactDefinition earlier, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var known = (JsonObject)dc.ActiveDialog!.State[FactsKey]!;
        var given = known[earlier.Id]!.GetValue<string>() == "true" ? turn.Text("confirm.yes") : turn.Text("confirm.no");
        known.Remove(earlier.Id);
        (dc.ActiveDialog.State[SourcesKey] as JsonObject)?.Remove(earlier.Id);
        turn.Send(turn.Text("facts.contradicted", ("question", earlier.Question.In(turn.Language)), ("answer", given)));
        return DecideOrAskAsync(dc, cancellationToken);
    }

    /// <summary>
    /// A file for a document fact counts as received (an agent has still to accept it); "later" keeps the request
    /// waiting for it until the policy's window closes, says until when (in the customer's zone) and records the wait
    /// on the case, so the bot comes back at that instant (<see cref="DocumentDeadline"/>). Once the window has
    /// closed, the document is missing, whatever comes, and the policy decides.
    /// </summary>
    private async Task<DialogTurnResult> DocumentAnsweredAsync(DialogContext dc, Policy policy, FactDefinition fact, string answer, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var caseId = dc.ActiveDialog!.State[CaseKey]?.GetValue<string>();
        var known = (JsonObject)dc.ActiveDialog!.State[FactsKey]!;
        var facts = ReadFacts(policy, known);
        var closesAt = DocumentWindow.ClosesAt(policy, facts);
        if (answer == DocumentPrompt.Later && (closesAt is null || turn.Now < closesAt))
        {
            if (closesAt is { } closes)
            {
                await DocumentDeadline.AwaitAsync(cases, turn, caseId, fact.Id, closes, cancellationToken);
            }

            dc.ActiveDialog.State[AwaitingDocumentKey] = fact.Id;
            return await AwaitDocumentAsync(dc, policy, fact, closesAt, cancellationToken);
        }

        if (closesAt is { } closed && turn.Now >= closed)
        {
            dc.ActiveDialog.State.Remove(AwaitingDocumentKey);
            await DocumentDeadline.StopAwaitingAsync(cases, turn, caseId, cancellationToken);
            var lastDay = DatePrompt.InWords(turn, DocumentWindow.LastDay(policy, facts)!.Value);
            turn.Send(answer == DocumentPrompt.Deadline
                ? turn.Text("document.deadline", ("date", lastDay))
                : turn.Text("document.windowClosed", ("date", lastDay)));
            known[fact.Id] = DocumentEvidence.Missing.Text;
            return await DecideOrAskAsync(dc, cancellationToken);
        }

        if (answer == DocumentPrompt.Deadline)
        {
            return await AskAsync(dc, fact, cancellationToken); // the window has not closed after all: the question stays open
        }

        dc.ActiveDialog.State.Remove(AwaitingDocumentKey);
        await DocumentDeadline.StopAwaitingAsync(cases, turn, caseId, cancellationToken);
        known[fact.Id] = DocumentEvidence.Received(answer).Text;
        GivenByCustomer(dc, fact.Id);
        return await DecideOrAskAsync(dc, cancellationToken);
    }

    /// <summary>
    /// The question of a document the request waits for ("later"): says until when it waits; words get "it is waiting
    /// for the file", are not counted as misunderstood, and no Later button comes back. Asked again the same way (in
    /// another language, after a policy question) until the file or the window's end.
    /// </summary>
    private Task<DialogTurnResult> AwaitDocumentAsync(DialogContext dc, Policy policy, FactDefinition fact, DateTimeOffset? closesAt, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        string waiting;
        if (closesAt is { } closes)
        {
            var (key, until) = DocumentDeadline.Until(turn, clock, closes);
            waiting = turn.Text(key, ("date", until), ("when", until));
        }
        else
        {
            waiting = turn.Text("document.laterOpen");
        }

        var (promptId, options) = Question(policy, fact, turn);
        var waitingOptions = options with { Text = waiting, RetryText = turn.Text("document.waitingRetry"), Choices = [], Waits = true };
        return dc.BeginDialogAsync(promptId, PromptOptions.ToJson(waitingOptions), cancellationToken);
    }

    private static void GivenByCustomer(DialogContext dc, string factId, string? bound = null)
    {
        var state = dc.ActiveDialog!.State;
        var sources = state[SourcesKey] as JsonObject ?? [];
        FactProvenance.GivenByCustomer(sources, factId, dc.Turn.Now, bound);
        state[SourcesKey] = sources;
    }

    public override Task<DialogTurnResult> AskAgainAsync(DialogContext dc, CancellationToken cancellationToken) =>
        DecideOrAskAsync(dc, cancellationToken);

    private async Task<DialogTurnResult> DecideOrAskAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var policy = policies.PolicyOf(turn);
        var state = dc.ActiveDialog!.State;
        var known = (JsonObject)state[FactsKey]!;
        var refundCase = state[CaseKey]?.GetValue<string>() is { } caseId ? await cases.FindAsync(turn, caseId, cancellationToken) : null;
        if (refundCase is not null && AgentDecisionConfirmation.IsSettled(refundCase))
        {
            // An agent decided the case (or it is over): its decision stands, the bot neither asks for facts nor decides.
            if (AgentDecisionConfirmation.Text(turn, refundCase) is { } standing)
            {
                turn.Send(standing);
            }

            return await dc.EndDialogAsync(null, cancellationToken);
        }

        // Windows are judged when the customer asked, so the policy's own waits (troubleshooting, support's 48 hours)
        // never cost them a window; the refund's timeline counts from now, the decision.
        var instants = new DecisionInstants(refundCase?.RequestInstant ?? turn.Now, turn.Now);
        var decision = EligibilityEngine.Decide(policy, ReadFacts(policy, known), instants);
        if (decision.Outcome == Outcome.MoreFactsNeeded)
        {
            var fact = policy.Fact(decision.MissingFacts[0])!;
            state[MisreadKey] = state[PendingKey]?.GetValue<string>() == fact.Id ? state[MisreadKey]?.DeepClone() : 0;
            state[PendingKey] = fact.Id;
            if ((state[UnconfirmedKey] as JsonObject)?[fact.Id] is JsonObject read && read["value"]?.GetValue<string>() is { } value
                && FactReader.Read(fact, value, out _) is not null)
            {
                // Only a value the decision now needs is asked about; once asked, it is not asked again.
                ((JsonObject)state[UnconfirmedKey]!).Remove(fact.Id);
                state[ConfirmingKey] = value;
                return await ConfirmAsync(dc, fact, value, read["quote"]?.GetValue<string>() ?? "", cancellationToken);
            }

            return await AskAsync(dc, fact, cancellationToken, state[MisreadKey]?.GetValue<int>() ?? 0);
        }

        // A case that already waits for support carries on waiting: its decision was given and recorded then.
        var waitingUntil = state[WaitingUntilKey]?.GetValue<string>() is { } until && decision.Outcome == Outcome.TroubleshootingRequired
            ? DateTimeOffset.Parse(until, CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
        state.Remove(WaitingUntilKey);
        var decided = waitingUntil is null ? await RecordAsync(turn, state, policy, known, decision, cancellationToken) : null;
        var provisional = decided?.Status == CaseStatus.AwaitingVerification;
        if (waitingUntil is null && decided is null && state[CaseKey] is not null)
        {
            // The case refused the engine's decision (a person decided it, or it ended meanwhile): none is told as made.
            turn.Send(turn.Text("handoff.anythingElse"));
            return await dc.EndDialogAsync(null, cancellationToken);
        }

        if (waitingUntil is null)
        {
            turn.Send(presenter.Reply(decision, policy, turn, provisional));
            BotTelemetry.CountDecision(turn, DecisionPresenter.Key(decision.Outcome), policy.Id);
        }

        if (decision.Outcome == Outcome.TroubleshootingRequired && policy.Troubleshooting.Count > 0
            && policy.Fact(PolicyFacts.TroubleshootingOutcome) is { } outcomeFact)
        {
            state[PendingKey] = outcomeFact.Id;
            var canRefuse = outcomeFact.Choices.Any(c => c.Id == TroubleshootingDialog.Refused);
            return await dc.BeginDialogAsync(TroubleshootingDialog.DialogId, TroubleshootingDialog.Options(
                state[CaseKey]?.GetValue<string>(), state[ReasonKey]?.GetValue<string>() ?? "", decision.ResolutionWindowHours, canRefuse, waitingUntil), cancellationToken);
        }

        if (decided is not null)
        {
            turn.Send(turn.Text(decision.Outcome == Outcome.HumanReview ? "case.humanReview" : provisional ? AwaitingKey(policy, decided) : "case.decided", ("caseId", decided.Id)));
            if (decided.Status == CaseStatus.RefundPending)
            {
                turn.Send(turn.Text(refunds.IsManual(policy.Id) ? "refund.requestedManual" : "refund.requested"));
            }

            await OfferLaterMessagesAsync(turn, decided, decision, cancellationToken);
            if (decided.Status is CaseStatus.Decided or CaseStatus.Resolved or CaseStatus.RefundPending)
            {
                await survey.AskAsync(turn, decided.Id, cancellationToken); // the customer has their answer: how was it?
            }
        }

        var result = await dc.EndDialogAsync(JsonValue.Create(DecisionPresenter.Key(decision.Outcome)), cancellationToken);
        if (decision.Outcome == Outcome.HumanReview)
        {
            await escalation.EscalateAsync(dc, HandoffReasons.HumanReview, decided?.Id, cancellationToken);
        }

        return result;
    }

    /// <summary>Records the decision and the facts on the case; returns the updated case, or null when there is none.</summary>
    private async Task<RefundCase?> RecordAsync(TurnContext turn, JsonObject state, Policy policy, JsonObject known, Decision decision, CancellationToken cancellationToken)
    {
        if (state[CaseKey]?.GetValue<string>() is not { } caseId || await cases.FindAsync(turn, caseId, cancellationToken) is not { } refundCase)
        {
            return null;
        }

        // Where each fact comes from goes on the case with the decision: a refund resting on facts only the customer
        // gave, that the policy wants verified, is provisional and the case waits for the team's check.
        var facts = Strings(known);
        var sourced = refundCase with { FactSources = FactProvenance.ForCase(refundCase, facts, state[SourcesKey] as JsonObject, turn.Now), Facts = facts };
        if (refundCase.WithDecision(policy.Id, facts, decision, turn.Now, FactProvenance.IsProvisional(decision, policy, sourced), policy.Version) is not { } decided)
        {
            return null; // an agent decided the case, or it is closed: the bot's decision does not replace theirs
        }

        decided = decided with { FactSources = sourced.FactSources };
        cases.Save(turn, decided);

        // Within the bot's limit and on the business's records, the bot requests the refund in this same commit.
        decided = refunds.RequestByBot(turn, decided, policy) ?? decided;
        if (refundCase.Status == CaseStatus.WaitingForSupport || turn.Activity.IsBotEvent(DocumentDeadline.Event))
        {
            CaseNotifications.Notify(turn, decided, CaseNotifications.Decided); // decided after support's window
        }

        return decided;
    }

    /// <summary>A refund waiting for a file to be accepted says so; one waiting only for the order's details, that.</summary>
    private static string AwaitingKey(Policy policy, RefundCase decided) =>
        decided.Unverified(policy).Any(id => policy.Fact(id)?.Type == FactType.Document) ? "case.awaitingDocumentCheck" : "case.awaitingVerification";

    /// <summary>A person's decision, or a refund still to carry out, comes later: the customer may leave an e-mail address for it.</summary>
    private Task OfferLaterMessagesAsync(TurnContext turn, RefundCase decided, Decision decision, CancellationToken cancellationToken) =>
        decision.Outcome switch
        {
            Outcome.HumanReview => contact.OfferAsync(turn, decided.Id, ContactOffer.Reason.Decision, cancellationToken),
            Outcome.FullRefund or Outcome.PartialRefund when decision.Breakdown is { Refund: > 0 } =>
                contact.OfferAsync(turn, decided.Id, ContactOffer.Reason.Refund, cancellationToken),
            _ => Task.CompletedTask,
        };

    private Task<DialogTurnResult> AskAsync(DialogContext dc, FactDefinition fact, CancellationToken cancellationToken, int misunderstood = 0)
    {
        var policy = policies.PolicyOf(dc.Turn);
        if (dc.ActiveDialog!.State[AwaitingDocumentKey]?.GetValue<string>() == fact.Id
            && DocumentWindow.ClosesAt(policy, ReadFacts(policy, (JsonObject)dc.ActiveDialog.State[FactsKey]!)) is var closesAt
            && (closesAt is null || dc.Turn.Now < closesAt))
        {
            return AwaitDocumentAsync(dc, policy, fact, closesAt, cancellationToken);
        }

        var (promptId, options) = Question(policy, fact, dc.Turn, misunderstood);
        return dc.BeginDialogAsync(promptId, PromptOptions.ToJson(options), cancellationToken);
    }

    /// <summary>"You wrote “I paid 49,99 €”: for “How much did you pay?” I note 49.99. Is that right?"</summary>
    private static Task<DialogTurnResult> ConfirmAsync(DialogContext dc, FactDefinition fact, string value, string quote, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var shown = fact.Type switch
        {
            FactType.Choice => fact.Choices.First(c => c.Id == value).Label.In(turn.Language),
            FactType.Date => DatePrompt.InWords(turn, value),
            FactType.Money => decimal.Parse(value, CultureInfo.InvariantCulture).ToString("#,0.00", turn.Culture),
            _ => decimal.Parse(value, CultureInfo.InvariantCulture).ToString("#,0.##", turn.Culture),
        };
        var options = new PromptOptions
        {
            Text = turn.Text("facts.confirmExtracted", ("quote", CustomerText.Quoted(quote)), ("question", fact.Question.In(turn.Language)), ("value", shown)),
        };
        return dc.BeginDialogAsync(PromptId(FactType.Boolean), PromptOptions.ToJson(options), cancellationToken);
    }

    /// <summary>
    /// The prompt a policy fact is asked with and its options (question, retry, choices): one definition, so that the
    /// understanding corpus (tests/RefundBot.Dialogs.Tests/Understanding) asks each fact exactly as a conversation does.
    /// </summary>
    public static (string PromptId, PromptOptions Options) Question(Policy policy, FactDefinition fact, TurnContext turn, int misunderstood = 0)
    {
        var options = new PromptOptions
        {
            Misunderstood = misunderstood,
            Text = fact.Question.In(turn.Language),
            RetryText = fact.Type switch
            {
                FactType.Number or FactType.Integer when fact.Unit is { } unit => turn.Text($"quantity.retry.{unit.ToString().ToLowerInvariant()}"),
                FactType.Money or FactType.Number or FactType.Integer => turn.Text("facts.numberRetry"),
                FactType.Time => turn.Text("facts.timeRetry"),
                FactType.Document => turn.Text("document.retry"),
                _ => null,
            },
            Choices = fact.Type switch
            {
                FactType.Document => [new Choice(DocumentPrompt.Later, turn.Text("document.laterButton"))],
                FactType.Boolean when fact.SaidTrue.Count > 0 || fact.SaidFalse.Count > 0 =>
                    [.. ConfirmPrompt.WithWords(turn, fact.SaidTrue.GetValueOrDefault(turn.Language), fact.SaidFalse.GetValueOrDefault(turn.Language))],
                _ => fact.Choices.Select(c => ChoiceOf(c, turn.Language)).ToList(),
            },
            BoundTests = fact.Unit is null ? null : BoundTestsOfFact.Of(policy, fact.Id),
        };
        var promptId = fact switch
        {
            { Type: FactType.Number or FactType.Integer, Unit: { } factUnit } => QuantityPromptId(factUnit),
            { Type: FactType.Choice, Id: PolicyFacts.ReasonCategory } => ReasonPromptId,
            _ => PromptId(fact.Type),
        };
        return (promptId, options);
    }

    /// <summary>A policy's choice as the prompt reads it: its label, its synonyms, and whether it is the question's yes or no.</summary>
    internal static Choice ChoiceOf(FactChoice choice, string language) =>
        new(choice.Id, choice.Label.In(language), Synonyms(choice, language))
        {
            Polarity = choice.Polarity switch
            {
                AnswerPolarity.Yes => ChoicePolarity.Yes,
                AnswerPolarity.No => ChoicePolarity.No,
                _ => ChoicePolarity.None,
            },
        };

    /// <summary>The policy's own words for a choice in the conversation's language (none when the policy gives none).</summary>
    private static List<string>? Synonyms(FactChoice choice, string language) =>
        choice.Synonyms.TryGetValue(language, out var words) && words.Count > 0 ? words : null;

    /// <summary>The facts gathered so far, in their policy types; values the policy no longer reads are skipped.</summary>
    public static FactValues ReadFacts(Policy policy, JsonObject known)
    {
        var values = new Dictionary<string, object>();
        foreach (var (name, node) in known)
        {
            if (policy.Fact(name) is { } fact && node is not null && FactReader.Read(fact, node.GetValue<string>(), out _) is { } value)
            {
                values[name] = value;
            }
        }

        return new FactValues(values);
    }

    /// <summary>Whether the open question is a policy's request for a document (a file answers it).</summary>
    public static bool AsksForDocument(DialogContext dc) => dc.ActiveDialog?.Id == PromptId(FactType.Document);

    /// <summary>The case the conversation's open eligibility dialog decides, if one is open.</summary>
    public static string? CaseOf(DialogContext dc) =>
        dc.Turn.State.DialogStack.LastOrDefault(d => d.Id == DialogId)?.State[CaseKey]?.GetValue<string>();

    private static string PromptId(FactType type) => type switch
    {
        FactType.Money or FactType.Integer => $"{DialogId}.{FactType.Number}",
        _ => $"{DialogId}.{type}",
    };

    /// <summary>The reason_category question's prompt, which reads a reason in words as the intake does.</summary>
    private const string ReasonPromptId = $"{DialogId}.{PolicyFacts.ReasonCategory}";

    private static string QuantityPromptId(FactUnit unit) => $"{DialogId}.{FactType.Number}.{unit}";

    /// <summary>A prompt's answer as the text a fact is read from ("true", "72", "2026-11-24", a choice id; a bound's figure).</summary>
    public static string Canonical(JsonNode result) => result.GetValueKind() switch
    {
        JsonValueKind.Object => Canonical(result["value"]!),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => result.GetValue<decimal>().ToString(CultureInfo.InvariantCulture),
        _ => result.GetValue<string>(),
    };

    private static string Problem(TurnContext turn, FactDefinition fact, string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return turn.Text("facts.giveUp");
        }

        if (fact.Type == FactType.Integer && value != decimal.Truncate(value))
        {
            return turn.Text("facts.wholeNumber");
        }

        var (min, max) = FactReader.Limits(fact);
        return fact.Type == FactType.Money && value > max
            ? turn.Text("facts.amountTooHigh", ("max", max.ToString("#,0.##", turn.Culture)))
            : turn.Text("facts.range", ("min", min.ToString("#,0.##", turn.Culture)), ("max", max.ToString("#,0.##", turn.Culture)));
    }

    private static Dictionary<string, string> Strings(JsonObject known) =>
        known.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
}
