using Microsoft.Extensions.Logging;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Dialogs.Cases;

/// <summary>
/// An agent checked one of a case's facts against the business's records (the desk's "verified" action): the fact is
/// marked as theirs, with the value they found, and a provisional refund whose facts are now all verified, none found
/// different, stands as the bot's decision. A value found different leaves the case waiting: an agent decides it.
/// </summary>
public sealed partial class FactVerifier(CaseStore cases, PolicyCatalog policies, TimeProvider clock, ILogger<FactVerifier> logger)
{
    /// <summary>The case as verified and saved; null when there is no such case or fact, the value is not one the policy reads, or the case is final.</summary>
    public async Task<RefundCase?> VerifyAsync(string caseId, CaseActor agent, string factId, string? value, CancellationToken cancellationToken)
    {
        if (await cases.FindAsync(caseId, cancellationToken) is not { PolicyId: { } policyId } refundCase
            || policies.Find(policyId) is not { } policy || policy.Fact(factId) is not { } fact
            || (value is not null && FactReader.Read(fact, value, out _) is null))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (refundCase.WithFactVerified(factId, agent, now, value) is not { } verified)
        {
            return null;
        }

        var saved = verified.ConfirmVerified(policy, agent, now) ?? verified;
        await cases.SaveAsync(saved, cancellationToken);
        LogVerified(logger, caseId, factId, saved.Status);
        return saved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fact {FactId} of case {CaseId} verified by an agent; the case is {Status}")]
    private static partial void LogVerified(ILogger logger, string caseId, string factId, string status);
}
