using System.Globalization;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Contact;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Walks the customer through the policy's troubleshooting guide for their problem, one step at a time ("did that
/// fix it?"), recording each answer on the case. Ends with the troubleshooting outcome the policy's rules read:
/// "resolved", "unresolved" or "refused". Where the policy gives support time to resolve (Smarters Pro: 48 hours),
/// an unresolved problem waits, persisted, until the deadline; then a follow-up asks whether it works now.
/// Options: <c>{ caseId, reason, windowHours?, canRefuse, deadline? }</c>; with a deadline, the case already waits for
/// support (a new request for its order carries on from it): the steps are not asked again, and the follow-up is
/// asked at once if the deadline has passed.
/// </summary>
internal sealed class TroubleshootingDialog(PolicySelector policies, CaseStore cases, CustomerClock clock, ContactOffer contact) : Dialog(DialogId)
{
    public const string DialogId = "troubleshooting";
    public const string StepPrompt = "troubleshooting.step";
    public const string FollowUpEvent = "refundbot.followUp";
    public const string Resolved = "resolved";
    public const string Unresolved = "unresolved";
    public const string Refused = "refused";

    private const string Fixed = "fixed";
    private const string NotFixed = "notFixed";

    public static JsonObject Options(string? caseId, string reason, int? windowHours, bool canRefuse, DateTimeOffset? deadline = null) => new()
    {
        ["caseId"] = caseId, ["reason"] = reason, ["windowHours"] = windowHours, ["canRefuse"] = canRefuse,
        ["deadline"] = deadline?.ToString("O", CultureInfo.InvariantCulture),
    };

    public override async Task<DialogTurnResult> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        foreach (var (key, value) in options as JsonObject ?? [])
        {
            state[key] = value?.DeepClone();
        }

        var guide = Guide(policies.PolicyOf(dc.Turn), state["reason"]?.GetValue<string>() ?? "");
        state["guide"] = guide.Id;
        state["step"] = 0;
        state["phase"] = "steps";
        if (state["deadline"]?.GetValue<string>() is { } waiting)
        {
            state["step"] = guide.Steps.Count - 1;
            state["phase"] = "waiting";
            return dc.Turn.Now >= DateTimeOffset.Parse(waiting, CultureInfo.InvariantCulture)
                ? await ContinueAsync(dc, cancellationToken)
                : DialogTurnResult.Waiting;
        }

        dc.Turn.Send(dc.Turn.Text("troubleshooting.intro", ("title", guide.Title.In(dc.Turn.Language))));
        return await AskStepAsync(dc, guide, 0, cancellationToken);
    }

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        var deadline = DateTimeOffset.Parse(state["deadline"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var followUp = dc.Turn.Activity is { Type: ActivityTypes.Event, Name: FollowUpEvent };
        if (!followUp && dc.Turn.Now < deadline)
        {
            SayStillWaiting(dc.Turn, state, deadline);
            return DialogTurnResult.Waiting;
        }

        state["phase"] = "followUp";
        var solvedBy = followUp ? FollowUpScheduler.SolvedBy(dc.Turn.Activity) : null;
        return await dc.BeginDialogAsync(StepPrompt, PromptOptions.ToJson(new PromptOptions
        {
            Text = solvedBy is null
                ? dc.Turn.Text("troubleshooting.followUp", ("hours", state["windowHours"]?.GetValue<int>()))
                : dc.Turn.Text("troubleshooting.followUpSolved", ("agent", solvedBy.DisplayName)),
            Choices = [FixedChoice(dc.Turn.Text("troubleshooting.worksNow")), NotFixedChoice(dc.Turn.Text("troubleshooting.stillBroken"))],
        }), cancellationToken);
    }

    public override async Task<DialogTurnResult> ResumeAsync(DialogContext dc, JsonNode? result, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        var guide = Guide(policies.PolicyOf(dc.Turn), state["reason"]?.GetValue<string>() ?? "", state["guide"]!.GetValue<string>());
        var index = state["step"]!.GetValue<int>();
        var followUp = state["phase"]!.GetValue<string>() == "followUp";
        if (result?.GetValue<string>() is not { } answer)
        {
            return followUp ? await ContinueAsync(dc, cancellationToken) : await AskStepAsync(dc, guide, index, cancellationToken);
        }

        await RecordAsync(dc.Turn, state, guide.Id, followUp ? "follow-up" : guide.Steps[index].Id, answer, cancellationToken);
        if (answer == Fixed)
        {
            return await dc.EndDialogAsync(JsonValue.Create(Resolved), cancellationToken);
        }

        if (answer == Refused || followUp)
        {
            return await dc.EndDialogAsync(JsonValue.Create(answer == Refused ? Refused : Unresolved), cancellationToken);
        }

        if (index + 1 < guide.Steps.Count)
        {
            state["step"] = index + 1;
            return await AskStepAsync(dc, guide, index + 1, cancellationToken);
        }

        return state["windowHours"]?.GetValue<int>() is { } hours
            ? await WaitAsync(dc, state, hours, cancellationToken)
            : await dc.EndDialogAsync(JsonValue.Create(Unresolved), cancellationToken);
    }

    public override async Task<DialogTurnResult> AskAgainAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        return state["phase"]!.GetValue<string>() switch
        {
            "steps" => await AskStepAsync(dc, Guide(policies.PolicyOf(dc.Turn), "", state["guide"]!.GetValue<string>()), state["step"]!.GetValue<int>(), cancellationToken),
            "followUp" => await ContinueAsync(dc, cancellationToken),
            _ => await base.AskAgainAsync(dc, cancellationToken),
        };
    }

    public override Task RepromptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        if (state["deadline"]?.GetValue<string>() is { } deadline)
        {
            SayStillWaiting(dc.Turn, state, DateTimeOffset.Parse(deadline, CultureInfo.InvariantCulture));
        }

        return Task.CompletedTask;
    }

    /// <summary>The guide whose keywords the reason mentions, else the policy's default guide.</summary>
    public static TroubleshootingGuide Guide(Policy policy, string reason, string? id = null)
    {
        var folded = TextNormalizer.Fold(reason);
        return policy.Troubleshooting.FirstOrDefault(g => g.Id == id)
            ?? policy.Troubleshooting.FirstOrDefault(g => g.Keywords.Values.SelectMany(k => k).Any(k => TextNormalizer.ContainsPhrase(folded, TextNormalizer.Fold(k))))
            ?? policy.Troubleshooting.First(g => g.Default);
    }

    private static Task<DialogTurnResult> AskStepAsync(DialogContext dc, TroubleshootingGuide guide, int index, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var choices = new List<Choice> { FixedChoice(turn.Text("troubleshooting.fixed")), NotFixedChoice(turn.Text("troubleshooting.notFixed")) };
        if (dc.ActiveDialog!.State["canRefuse"]?.GetValue<bool>() == true)
        {
            choices.Add(new Choice(Refused, turn.Text("troubleshooting.refuse")));
        }

        return dc.BeginDialogAsync(StepPrompt, PromptOptions.ToJson(new PromptOptions
        {
            Text = turn.Text("troubleshooting.step", ("number", index + 1), ("count", guide.Steps.Count), ("text", guide.Steps[index].Text.In(turn.Language))),
            RetryText = turn.Text("troubleshooting.retry"),
            Choices = choices,
        }), cancellationToken);
    }

    /// <summary>"Did that fix it?" is a yes/no question: "yep" or "ça marche" is fixed, "nope", "not yet" or "rien n'a changé" is not.</summary>
    internal static Choice FixedChoice(string title) =>
        new(Fixed, title, AnswerWords.Of(AnswerWords.Fixed)) { Polarity = ChoicePolarity.Yes };

    internal static Choice NotFixedChoice(string title) =>
        new(NotFixed, title, AnswerWords.Of(AnswerWords.NotFixed)) { Polarity = ChoicePolarity.No };

    private async Task<DialogTurnResult> WaitAsync(DialogContext dc, JsonObject state, int hours, CancellationToken cancellationToken)
    {
        var deadline = dc.Turn.Now.AddHours(hours);
        state["phase"] = "waiting";
        state["deadline"] = deadline.ToString("O", CultureInfo.InvariantCulture);
        if (state["caseId"]?.GetValue<string>() is { } caseId && await cases.FindAsync(dc.Turn, caseId, cancellationToken) is { } refundCase
            && refundCase.TryMove(CaseStatus.WaitingForSupport, CaseActor.Bot, dc.Turn.Now, $"support has {hours} h to solve the problem") is { } waiting)
        {
            var task = waiting with { WaitingUntil = deadline, FollowUpSent = false };
            cases.Save(dc.Turn, task);
            dc.Turn.Work.EnqueueAfterReplies(SupportTaskAnnouncementHandler.RecordFor(task, dc.Turn.State.Reference ?? ConversationReference.From(dc.Turn.Activity)));
        }

        dc.Turn.Send(dc.Turn.Text("troubleshooting.waiting", ("hours", hours), ("when", When(dc.Turn, deadline))));
        await contact.OfferAsync(dc.Turn, state["caseId"]?.GetValue<string>(), ContactOffer.Reason.FollowUp, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    private async Task RecordAsync(TurnContext turn, JsonObject state, string guideId, string stepId, string answer, CancellationToken cancellationToken)
    {
        if (state["caseId"]?.GetValue<string>() is { } caseId && await cases.FindAsync(turn, caseId, cancellationToken) is { } refundCase)
        {
            cases.Save(turn, refundCase with
            {
                Troubleshooting = [.. refundCase.Troubleshooting, new TroubleshootingAnswer(guideId, stepId, answer, turn.Now)],
            });
        }
    }

    private void SayStillWaiting(TurnContext turn, JsonObject state, DateTimeOffset deadline) =>
        turn.Send(turn.Text("troubleshooting.stillWaiting", ("caseId", state["caseId"]?.GetValue<string>()), ("when", When(turn, deadline))));

    private string When(TurnContext turn, DateTimeOffset instant) =>
        CustomerDates.Format(TimeZoneInfo.ConvertTime(instant, clock.ZoneOf(turn)), turn.Text("format.dateTime"), turn.Culture);
}
