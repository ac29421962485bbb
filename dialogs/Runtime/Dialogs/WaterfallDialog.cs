using System.Text.Json.Nodes;

namespace RefundBot.Dialogs.Runtime.Dialogs;

internal delegate Task<DialogTurnResult> WaterfallStep(WaterfallStepContext step, CancellationToken cancellationToken);

/// <summary>
/// A dialog made of steps run in order. Each step prompts (and the prompt's answer reaches the next step),
/// passes a known value straight to the next step, or ends the dialog.
/// </summary>
internal class WaterfallDialog(string id, IReadOnlyList<WaterfallStep> steps) : Dialog(id)
{
    private const string StepIndexKey = "stepIndex";
    private const string ValuesKey = "values";
    private const string OptionsKey = "options";

    /// <summary>As botbuilder's WaterfallDialog: its id and step count, since a saved step index means a step only among these steps.</summary>
    public override string Version => $"{Id}:{steps.Count}";

    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        state[ValuesKey] = new JsonObject();
        state[OptionsKey] = options;
        return RunStepAsync(dc, 0, null, cancellationToken);
    }

    /// <summary>A message arrived while no prompt of ours was active: it is the answer to the current step.</summary>
    public override Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken) =>
        ResumeAsync(dc, dc.Turn.Activity.Text is { } text ? JsonValue.Create(text) : null, cancellationToken);

    public override Task<DialogTurnResult> ResumeAsync(DialogContext dc, JsonNode? result, CancellationToken cancellationToken)
    {
        var index = dc.ActiveDialog!.State[StepIndexKey]!.GetValue<int>();
        return RunStepAsync(dc, index + 1, result, cancellationToken);
    }

    /// <summary>Runs the current step again: it finds what it stored and asks its question afresh.</summary>
    public override Task<DialogTurnResult> AskAgainAsync(DialogContext dc, CancellationToken cancellationToken) =>
        RunStepAsync(dc, dc.ActiveDialog!.State[StepIndexKey]!.GetValue<int>(), null, cancellationToken);

    internal Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, JsonNode? result, CancellationToken cancellationToken)
    {
        var state = dc.ActiveDialog!.State;
        if (index >= steps.Count)
        {
            return dc.EndDialogAsync(result, cancellationToken);
        }

        state[StepIndexKey] = index;
        var step = new WaterfallStepContext(dc, this, index, (JsonObject)state[ValuesKey]!, state[OptionsKey], result);
        return steps[index](step, cancellationToken);
    }
}

/// <summary>What a waterfall step sees: the previous step's result, the dialog's values and options, and how to move on.</summary>
internal sealed class WaterfallStepContext(
    DialogContext dc, WaterfallDialog dialog, int index, JsonObject values, JsonNode? options, JsonNode? result)
{
    public DialogContext Dialog { get; } = dc;
    public TurnContext Turn => Dialog.Turn;

    /// <summary>Values the steps of this dialog share; persisted with the dialog.</summary>
    public JsonObject Values { get; } = values;

    public JsonNode? Options { get; } = options;

    /// <summary>The previous step's result: a prompt's recognized answer, or what <see cref="NextAsync"/> passed.</summary>
    public JsonNode? Result { get; } = result;

    public int Index { get; } = index;

    public Task<DialogTurnResult> NextAsync(JsonNode? result = null, CancellationToken cancellationToken = default) =>
        dialog.RunStepAsync(Dialog, Index + 1, result, cancellationToken);

    /// <summary>Runs the step before this one again, without a result: its question is asked afresh.</summary>
    public Task<DialogTurnResult> BackAsync(CancellationToken cancellationToken = default) =>
        dialog.RunStepAsync(Dialog, Index - 1, null, cancellationToken);

    public Task<DialogTurnResult> EndAsync(JsonNode? result = null, CancellationToken cancellationToken = default) =>
        Dialog.EndDialogAsync(result, cancellationToken);
}
