using System.Text.Json.Nodes;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime.Dialogs;

namespace RefundBot.Dialogs.Tests.Understanding;

/// <summary>
/// Stands where <see cref="EligibilityDialog"/> stands while a policy fact is asked: it begins the fact's prompt exactly as
/// the eligibility dialog does (<see cref="EligibilityDialog.Question"/>) and keeps the prompt's answer, so that the corpus
/// can see what the conversation took. Options: <c>{ fact }</c>.
/// </summary>
internal sealed class ProbeDialog(PolicySelector policies) : Dialog(DialogId)
{
    public const string DialogId = "understanding.probe";
    public const string ResultKey = "result";

    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken)
    {
        var policy = policies.PolicyOf(dc.Turn);
        var fact = policy.Fact(options!["fact"]!.GetValue<string>())
            ?? throw new InvalidOperationException($"No fact {options["fact"]} in the policy.");
        var (promptId, prompt) = EligibilityDialog.Question(policy, fact, dc.Turn);
        return dc.BeginDialogAsync(promptId, RefundBot.Dialogs.Prompts.PromptOptions.ToJson(prompt), cancellationToken);
    }

    public override Task<DialogTurnResult> ResumeAsync(DialogContext dc, JsonNode? result, CancellationToken cancellationToken)
    {
        dc.ActiveDialog!.State[ResultKey] = result?.DeepClone();
        return Task.FromResult(DialogTurnResult.Waiting);
    }
}
