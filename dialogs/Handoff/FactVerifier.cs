using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Dialogs.Handoff;

/// <summary>
/// An agent checked one of a case's facts against the business's records (the desk's "verified" action). Like an
/// agent's decision, this is a turn of the case's conversation (<see cref="VerificationTurns"/>): the fact, the case's
/// move and what the customer is told are one commit, or nothing is. The desk checks the request first, so that a
/// mistyped value is refused at once, then reads the result back from the case.
/// </summary>
public sealed partial class FactVerifier(
    CaseStore cases, PolicyCatalog policies, ITurnEntrance turns, IReplyChannels channels, TimeProvider clock, ILogger<FactVerifier> logger)
{
    /// <summary>The event the desk sends into the case's conversation.</summary>
    public const string VerifiedEvent = "refundbot.factVerified";

    /// <returns>
    /// Done when the verification was recorded; Invalid for no such case or fact, a value the policy does not read, or a
    /// case recorded without a conversation to reach; CaseFinal for a final case; NotDone when its turn did not record it.
    /// </returns>
    public async Task<DeskResult> VerifyAsync(string caseId, AgentIdentity agent, string factId, string? value, CancellationToken cancellationToken)
    {
        if (await cases.FindAsync(caseId, cancellationToken) is not { Reference: { } reference } refundCase || !Readable(refundCase, policies, factId, value))
        {
            return DeskResult.Invalid;
        }

        if (CaseLifecycle.IsFinal(refundCase.Status))
        {
            return DeskResult.CaseFinal;
        }

        var now = clock.GetUtcNow();
        var verification = reference.Event(VerifiedEvent, now, new FactVerification(caseId, factId, value, agent.Id, agent.DisplayName));
        if (!await turns.RunAsync(verification, channels.For(reference), cancellationToken))
        {
            return DeskResult.NotDone;
        }

        var after = await cases.FindAsync(caseId, cancellationToken);
        if (after?.FactSources.GetValueOrDefault(factId) is not { Source: FactSource.Agent } source || source.By != agent.Id || source.At < now)
        {
            return after is not null && CaseLifecycle.IsFinal(after.Status) ? DeskResult.CaseFinal : DeskResult.NotDone;
        }

        LogVerified(logger, caseId, factId, after.Status);
        return DeskResult.Done;
    }

    /// <summary>The case has the fact under its policy, and the value found, if any, is one the policy reads.</summary>
    /// <remarks>A document is not verified "as stated": its file is accepted or rejected (<see cref="DocumentChecker"/>).</remarks>
    internal static bool Readable(RefundCase refundCase, PolicyCatalog policies, string factId, string? value) =>
        refundCase.PolicyId is { } policyId && policies.Find(policyId)?.Fact(factId) is { } fact && refundCase.Facts.ContainsKey(factId)
        && fact.Type != Eligibility.Model.FactType.Document
        && (value is null || FactReader.Read(fact, value, out _) is not null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fact {FactId} of case {CaseId} verified by an agent; the case is {Status}")]
    private static partial void LogVerified(ILogger logger, string caseId, string factId, string status);
}
