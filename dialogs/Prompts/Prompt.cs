using System.Text.Json;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Prompts;

/// <summary>
/// Checks a recognized value; returns null when it is acceptable, else the sentence that explains what is wrong
/// (said to the customer before they try again).
/// </summary>
internal delegate string? PromptValidator<in T>(T value, TurnContext turn);

/// <summary>
/// Asks a question, recognizes the answer, validates it and re-prompts on a bad answer. After
/// <see cref="MisunderstandingsBeforeOffer"/> answers it did not understand, it says so and offers a person (a
/// "Talk to a person" button beside the question's own), the question staying open so the customer can still answer
/// it: the same at every prompt (intake, the policy's facts, troubleshooting), as the README promises. Where
/// <see cref="PromptOptions.MaxAttempts"/> is set, it gives up after that many tries instead, ending with no result.
/// </summary>
internal abstract class Prompt<T>(string id, PromptValidator<T>? validator = null) : Dialog(id)
{
    /// <summary>After this many answers not understood at one question, a person is offered.</summary>
    public const int MisunderstandingsBeforeOffer = 2;

    private const string OptionsKey = "options";
    private const string AttemptsKey = "attempts";

    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        var asked = PromptOptions.FromJson(options);
        state[OptionsKey] = options;
        state[AttemptsKey] = asked.Misunderstood;
        Ask(dc.Turn, asked, retry: false, asked.Misunderstood, offer: true);
        return Task.FromResult(DialogTurnResult.Waiting);
    }

    public override Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (!dc.Turn.Activity.IsMessage)
        {
            return Task.FromResult(DialogTurnResult.Waiting);
        }

        var state = dc.ActiveDialog!.State;
        var options = PromptOptions.FromJson(state[OptionsKey]);
        var recognized = Recognize(dc.Turn, dc.Turn.Activity.Text?.Trim() ?? "", options);
        var problem = recognized.Succeeded ? validator?.Invoke(recognized.Value!, dc.Turn) : recognized.Problem;
        if (recognized.Succeeded && problem is null)
        {
            return End(dc, recognized.Value!, cancellationToken);
        }

        if (options.Waits)
        {
            Ask(dc.Turn, options, retry: true, attempts: 0, offer: false);
            return Task.FromResult(DialogTurnResult.Waiting);
        }

        var attempts = state[AttemptsKey]!.GetValue<int>() + 1;
        state[AttemptsKey] = attempts;
        if (attempts >= options.MaxAttempts)
        {
            return dc.EndDialogAsync(null, cancellationToken);
        }

        // A problem that asks again itself is the question this time: the generic retry after it ("Sorry, I didn't
        // understand that date") would contradict it.
        if (recognized.ProblemAsks)
        {
            Ask(dc.Turn, options, retry: true, attempts, offer: true, question: recognized.Problem);
            return Task.FromResult(DialogTurnResult.Waiting);
        }

        // From the offer of a person on, its sentence says the answer was not understood: it comes first, the only
        // apology, in one message with the reason (hedged, two options...) and the question.
        if (attempts >= MisunderstandingsBeforeOffer)
        {
            var again = recognized.AskInFull ? options.Text : options.RetryText ?? options.Text;
            Ask(dc.Turn, options, retry: !recognized.AskInFull, attempts, offer: true, question: problem is null ? null : problem + "\n\n" + again);
            return Task.FromResult(DialogTurnResult.Waiting);
        }

        if ((problem ?? NotUnderstood(dc.Turn, options)) is { } said)
        {
            dc.Turn.Send(said);
        }

        Ask(dc.Turn, options, retry: !recognized.AskInFull, attempts, offer: true);
        return Task.FromResult(DialogTurnResult.Waiting);
    }

    /// <summary>
    /// The customer said no to a value read back to them ("3 days, that is 72 hours?"): the bot misread it, which counts
    /// as a misunderstanding like any other, so that repeated misreadings reach the offer of a person.
    /// </summary>
    protected Task<DialogTurnResult> MisreadAsync(DialogContext dc, string question, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        var options = PromptOptions.FromJson(state[OptionsKey]);
        var attempts = state[AttemptsKey]!.GetValue<int>() + 1;
        state[AttemptsKey] = attempts;
        if (attempts >= options.MaxAttempts)
        {
            return dc.EndDialogAsync(null, cancellationToken);
        }

        Ask(dc.Turn, options, retry: true, attempts, offer: true, question);
        return Task.FromResult(DialogTurnResult.Waiting);
    }

    /// <summary>The options the prompt was begun with.</summary>
    protected static PromptOptions OptionsOf(DialogContext dc) => PromptOptions.FromJson(dc.ActiveDialog!.State[OptionsKey]);

    /// <summary>Yes and No for a read-back, with "Talk to a person" once it has been offered, so that it does not disappear.</summary>
    protected IReadOnlyList<string> ConfirmButtons(DialogContext dc) =>
        HasOfferedPerson(dc)
            ? [dc.Turn.Text("confirm.yes"), dc.Turn.Text("confirm.no"), dc.Turn.Text("prompt.talkToPerson")]
            : [dc.Turn.Text("confirm.yes"), dc.Turn.Text("confirm.no")];

    /// <summary>The answer written beside a question, taken only when it is recognized and valid; nothing is said otherwise.</summary>
    public override async Task<DialogTurnResult?> TryAnswerAsync(DialogContext dc, string text, CancellationToken cancellationToken)
    {
        var options = PromptOptions.FromJson(dc.ActiveDialog!.State[OptionsKey]);
        if (!options.TakesAnswerBesideQuestion || text.Trim().Length == 0)
        {
            return null;
        }

        var recognized = Recognize(dc.Turn, text.Trim(), options);
        return recognized.Succeeded && validator?.Invoke(recognized.Value!, dc.Turn) is null
            ? await End(dc, recognized.Value!, cancellationToken)
            : null;
    }

    public override bool IsPrompt => true;

    public override bool HasOfferedPerson(DialogContext dc) =>
        dc.ActiveDialog!.State[AttemptsKey]?.GetValue<int>() >= MisunderstandingsBeforeOffer;

    public override Task RepromptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        Ask(dc.Turn, PromptOptions.FromJson(state[OptionsKey]), retry: false, state[AttemptsKey]?.GetValue<int>() ?? 0, offer: false);
        return Task.CompletedTask;
    }

    protected abstract Recognized<T> Recognize(TurnContext turn, string text, PromptOptions options);

    /// <summary>What to say when an answer was not understood and the recognizer gave no reason; null: the retry text says it.</summary>
    protected virtual string? NotUnderstood(TurnContext turn, PromptOptions options) => null;

    /// <summary>The buttons shown with the question.</summary>
    protected virtual IEnumerable<string> Suggestions(TurnContext turn, PromptOptions options) =>
        options.Choices.Select(c => c.Display);

    private static Task<DialogTurnResult> End(DialogContext dc, T value, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(JsonSerializer.SerializeToNode(value, ActivityJson.Options), cancellationToken);

    /// <summary>
    /// The question; once it has not been understood twice, with the "Talk to a person" button, and, when
    /// <paramref name="offer"/> (not after an interruption such as a policy question), the sentence that offers it.
    /// </summary>
    private void Ask(TurnContext turn, PromptOptions options, bool retry, int attempts, bool offer, string? question = null)
    {
        question ??= retry ? options.RetryText ?? options.Text : options.Text;
        var buttons = Suggestions(turn, options);
        if (attempts >= MisunderstandingsBeforeOffer)
        {
            if (offer && attempts == MisunderstandingsBeforeOffer)
            {
                BotTelemetry.CountPersonOffer(turn, Id);
            }

            question = offer ? turn.Text("prompt.offerPerson") + "\n\n" + question : question;
            buttons = buttons.Append(turn.Text("prompt.talkToPerson"));
        }

        turn.Send(question, buttons);
    }
}
