using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// An agent accepted or rejected the file a customer sent for a case's document fact (the desk's buttons under the
/// file). Like <see cref="FactVerifier"/>, a turn of the case's conversation (<see cref="DocumentCheckTurns"/>), so the
/// case's move and what the customer is told are one commit. A rejection needs a reason: the customer is told it.
/// </summary>
public sealed partial class DocumentChecker(
    CaseStore cases, PolicyCatalog policies, ITurnEntrance turns, IReplyChannels channels, TimeProvider clock, ILogger<DocumentChecker> logger)
{
    /// <summary>The event the desk sends into the case's conversation.</summary>
    public const string CheckedEvent = "refundbot.documentChecked";

    /// <returns>
    /// Done when recorded; Invalid for no such case, a fact that is not a document resting on a file not yet checked,
    /// or a rejection without a reason (or one over <see cref="DocumentChecks.MaxReasonLength"/> characters);
    /// CaseFinal for a final case; NotDone when its turn did not record it.
    /// </returns>
    public async Task<DeskResult> CheckAsync(string caseId, AgentIdentity agent, string factId, bool accepted, string? reason, CancellationToken cancellationToken)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if ((!accepted && reason is null) || reason?.Length > DocumentChecks.MaxReasonLength
            || await cases.FindAsync(caseId, cancellationToken) is not { Reference: { } reference, PolicyId: { } policyId } refundCase
            || policies.Find(policyId) is not { } policy || !refundCase.UncheckedDocuments(policy).Contains(factId))
        {
            return DeskResult.Invalid;
        }

        if (CaseLifecycle.IsFinal(refundCase.Status))
        {
            return DeskResult.CaseFinal;
        }

        var now = clock.GetUtcNow();
        var check = reference.Event(CheckedEvent, now, new DocumentCheck(caseId, factId, accepted, accepted ? null : reason, agent.Id, agent.DisplayName));
        if (!await turns.RunAsync(check, channels.For(reference), cancellationToken))
        {
            return DeskResult.NotDone;
        }

        var after = await cases.FindAsync(caseId, cancellationToken);
        var expected = accepted ? DocumentStatus.Verified : DocumentStatus.Rejected;
        if (after is null || DocumentEvidence.Parse(after.Facts.GetValueOrDefault(factId) ?? "")?.Status != expected
            || after.FactSources.GetValueOrDefault(factId) is not { Source: FactSource.Agent } source || source.By != agent.Id)
        {
            return after is not null && CaseLifecycle.IsFinal(after.Status) ? DeskResult.CaseFinal : DeskResult.NotDone;
        }

        LogChecked(logger, caseId, factId, accepted, after.Status);
        return DeskResult.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {FactId} of case {CaseId} checked by an agent (accepted: {Accepted}); the case is {Status}")]
    private static partial void LogChecked(ILogger logger, string caseId, string factId, bool accepted, string status);
}
