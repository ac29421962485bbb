using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// The desk's verification of a fact (<see cref="FactVerifier"/>), as a turn of the case's conversation: the case is
/// changed through the turn's unit of work, so the fact, the case's move and the customer's message are one commit.
/// When the last fact that needed checking is verified and none was found different, the provisional refund stands
/// (awaiting-verification → decided, by the agent) and the customer is told so with the amount and the policy's
/// timeline, as the bot words its own decisions. At the first value found different, the customer is told that a
/// person decides with the corrected facts, and the conversation joins the agents' queue with the case (unless a person
/// already has it), since only a person's decision may now settle it.
/// </summary>
internal sealed partial class VerificationTurns(CaseStore cases, PolicyCatalog policies, Escalation escalation, BotTexts texts, ILogger<VerificationTurns> logger)
{
    public async Task OnEventAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var value = turn.Activity.Value is { ValueKind: JsonValueKind.Object } json ? json.Deserialize<FactVerification>(ActivityJson.Options) : null;
        if (value is null || await cases.FindAsync(turn, value.CaseId, cancellationToken) is not { PolicyId: { } policyId } refundCase
            || policies.Find(policyId) is not { } policy || !FactVerifier.Readable(refundCase, policies, value.FactId, value.Value))
        {
            return;
        }

        var agent = CaseActor.Agent(value.AgentId, value.AgentName);
        if (refundCase.WithFactVerified(value.FactId, agent, turn.Now, value.Value) is not { } verified)
        {
            return;
        }

        if (verified.ConfirmVerified(policy, agent, turn.Now) is { } confirmed)
        {
            cases.Save(turn, confirmed);
            turn.Send(Confirmed(confirmed, policy, turn, texts));
            CaseNotifications.Notify(turn, confirmed, CaseNotifications.Decided); // by e-mail too, from this same commit
            LogConfirmed(logger, confirmed.Id);
            return;
        }

        cases.Save(turn, verified);
        var firstCorrection = verified.Facts[value.FactId] != refundCase.Facts[value.FactId] && refundCase.FactSources.Values.All(s => s.Was is null);
        if (firstCorrection && refundCase.Status == CaseStatus.AwaitingVerification)
        {
            var label = policy.Fact(value.FactId)!.Label is { Count: > 0 } named ? named.In(turn.Language) : value.FactId;
            turn.Send(turn.Text("verification.corrected", ("fact", label), ("caseId", refundCase.Id)));
            if (turn.State.Handoff is null)
            {
                await escalation.EscalateAsync(dc, HandoffReasons.HumanReview, refundCase.Id, cancellationToken);
            }

            LogCorrected(logger, refundCase.Id);
        }
    }

    /// <summary>The refund stands: the amount the bot decided, the policy's timeline counted from the check, the case id.</summary>
    internal static string Confirmed(RefundCase confirmed, Policy policy, TurnContext turn, BotTexts texts)
    {
        var text = new StringBuilder();
        text.Append("**").Append(turn.Text("verification.confirmed")).AppendLine("**");
        if (confirmed.Decision?.Breakdown is { } refund)
        {
            text.AppendLine().AppendLine($"- **{turn.Text("amount.refund")}{turn.Text("punctuation.colon")}{Money.Format(refund.Refund, policy.Currency, turn.Culture)}**");
        }

        if (AgentDecisionPresenter.Timeline(confirmed, turn.Now, policy) is { } timeline)
        {
            text.AppendLine().AppendLine(TimelineWording.Text(texts, timeline, turn.Language, turn.Culture));
        }

        text.AppendLine().Append(turn.Text("verification.recorded", ("caseId", confirmed.Id)));
        return text.ToString().Replace("\r", "");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: every fact verified, the provisional refund stands; the customer was told")]
    private static partial void LogConfirmed(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: an agent found a fact different; a person decides, and the customer was told")]
    private static partial void LogCorrected(ILogger logger, string caseId);
}
