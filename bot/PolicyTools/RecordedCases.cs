using Microsoft.Extensions.Logging.Abstractions;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Analysis;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.PolicyTools;

/// <summary>The cases a backtest replays: those the engine decided, asked at or after a day, read from the store.</summary>
internal static class RecordedCases
{
    /// <summary>
    /// Every case of the store whose request is at or after <paramref name="since"/> and that the engine decided, as the
    /// backtest reads it. Reads the whole "cases/" range (<see cref="CaseStore.ListAsync"/>): a command run by hand, never
    /// on the path of a turn.
    /// </summary>
    public static async Task<IReadOnlyList<RecordedCase>> ReadAsync(IDocumentStore store, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var cases = await new CaseStore(store, NullLogger<CaseStore>.Instance).ListAsync(cancellationToken);
        return cases.Where(c => c.RequestInstant >= since).Select(From).OfType<RecordedCase>().ToList();
    }

    /// <summary>A case as the backtest reads it: null when the engine never decided it (or decided an outcome no longer known).</summary>
    public static RecordedCase? From(RefundCase refundCase)
    {
        if (refundCase is not { PolicyId: { } policyId, Decision: { } decision } || !Enum.TryParse<Outcome>(decision.Outcome, ignoreCase: true, out var outcome))
        {
            return null;
        }

        var decidedAt = refundCase.History.LastOrDefault(e => e.Why.StartsWith("engine:", StringComparison.Ordinal))?.At ?? refundCase.RequestInstant;
        return new RecordedCase(refundCase.Id, policyId, refundCase.Facts, refundCase.RequestInstant, decidedAt, outcome, decision.RuleId,
            decision.Breakdown?.Refund, decision.Breakdown?.Currency);
    }
}
