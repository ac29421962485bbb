using System.Text.Json;
using System.Text.Json.Nodes;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Runtime.Prompts;

/// <summary>
/// Checks a recognized value; returns null when it is acceptable, else the sentence that explains what is wrong
/// (said to the customer before they try again).
/// </summary>
public delegate string? PromptValidator<in T>(T value, TurnContext turn);

/// <summary>
/// Asks a question, recognizes the answer, validates it, re-prompts on a bad answer and gives up after
/// <see cref="PromptOptions.MaxAttempts"/> tries, ending with no result so the caller can change course.
/// </summary>
public abstract class Prompt<T>(string id, PromptValidator<T>? validator = null) : Dialog(id)
{
    private const string OptionsKey = "options";
    private const string AttemptsKey = "attempts";

    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        state[OptionsKey] = options;
        state[AttemptsKey] = 0;
        Ask(dc.Turn, PromptOptions.FromJson(options), retry: false);
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
            return dc.EndDialogAsync(JsonSerializer.SerializeToNode(recognized.Value, ActivityJson.Options), cancellationToken);
        }

        var attempts = state[AttemptsKey]!.GetValue<int>() + 1;
        state[AttemptsKey] = attempts;
        if (attempts >= options.MaxAttempts)
        {
            return dc.EndDialogAsync(null, cancellationToken);
        }

        // A recognizer's problem asks again itself ("Sorry, March 25 is in the future... When did you buy it?"), so it
        // is the one reply: the generic retry ("Sorry, I didn't understand that date") after it would contradict it. A
        // validator's sentence only explains, and the retry follows it.
        if (recognized.Problem is not null)
        {
            dc.Turn.Send(recognized.Problem, Suggestions(dc.Turn, options));
            return Task.FromResult(DialogTurnResult.Waiting);
        }

        if (problem is not null)
        {
            dc.Turn.Send(problem);
        }

        Ask(dc.Turn, options, retry: true);
        return Task.FromResult(DialogTurnResult.Waiting);
    }

    public override bool IsPrompt => true;

    public override Task RepromptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        Ask(dc.Turn, PromptOptions.FromJson(dc.ActiveDialog!.State[OptionsKey]), retry: false);
        return Task.CompletedTask;
    }

    protected abstract Recognized<T> Recognize(TurnContext turn, string text, PromptOptions options);

    /// <summary>The buttons shown with the question.</summary>
    protected virtual IEnumerable<string> Suggestions(TurnContext turn, PromptOptions options) =>
        options.Choices.Select(c => c.Display);

    private void Ask(TurnContext turn, PromptOptions options, bool retry) =>
        turn.Send(retry ? options.RetryText ?? options.Text : options.Text, Suggestions(turn, options));
}
