using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Prompts;

/// <summary>A waterfall step that asks: here, beside the prompts, so that the dialog runtime does not know them.</summary>
internal static class PromptSteps
{
    public static Task<DialogTurnResult> PromptAsync(
        this WaterfallStepContext step, string promptId, PromptOptions options, CancellationToken cancellationToken = default) =>
        step.Dialog.BeginDialogAsync(promptId, PromptOptions.ToJson(options), cancellationToken);
}
