using System.Text.Json;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Cases;

/// <summary>One page of a business's cases, and where the next one starts (null: there is none).</summary>
public sealed record CasePage(IReadOnlyList<RefundCase> Cases, string? NextPosition);

/// <summary>
/// A business's cases page by page, in <see cref="CaseListing"/> order (request instant, then id), read through the
/// store's index by policy and request instant: each page reads the cases it scans, never the whole store. Filters
/// the index does not hold (status, outcome) are applied to the cases scanned; a page scans at most
/// <see cref="MaxScanned"/> cases, and may then hold fewer than asked with a next position (a sparse filter).
/// </summary>
public sealed class CasePages(IDocumentStore store)
{
    public const int MaxScanned = 2_000;
    private const int Batch = 100;

    /// <param name="policies">The policies whose cases are listed (merged in listing order).</param>
    /// <param name="after">The position of the last case of the previous page (exclusive), or null for the first page.</param>
    public async Task<CasePage> PageAsync(
        IReadOnlyCollection<string> policies, DateTimeOffset from, DateTimeOffset to, string? after, int limit,
        Func<RefundCase, bool> matches, CancellationToken cancellationToken = default)
    {
        var found = new List<RefundCase>();
        var position = after;
        var scanned = 0;
        while (scanned < MaxScanned)
        {
            var batch = await NextBatchAsync(policies, from, to, position, cancellationToken);
            foreach (var refundCase in batch)
            {
                scanned++;
                position = CaseListing.PositionOf(refundCase.ListingKey!);
                if (matches(refundCase))
                {
                    found.Add(refundCase);
                    if (found.Count == limit)
                    {
                        return new CasePage(found, position);
                    }
                }
            }

            if (batch.Count < Batch)
            {
                return new CasePage(found, null); // every policy's range is read to its end
            }
        }

        return new CasePage(found, position);
    }

    /// <summary>The next <see cref="Batch"/> cases after <paramref name="after"/> over every policy: the first of each, merged.</summary>
    private async Task<List<RefundCase>> NextBatchAsync(
        IReadOnlyCollection<string> policies, DateTimeOffset from, DateTimeOffset to, string? after, CancellationToken cancellationToken)
    {
        var merged = new List<RefundCase>();
        foreach (var policy in policies)
        {
            var start = CaseListing.From(policy, from);
            if (after is not null && string.CompareOrdinal(CaseListing.FromPosition(policy, after), start) > 0)
            {
                start = CaseListing.FromPosition(policy, after);
            }

            var documents = await store.FindRangeAsync(
                DocumentIndexes.CasesByPolicyAndRequest, start, CaseListing.To(policy, to), Batch + 1, cancellationToken: cancellationToken);
            merged.AddRange(documents
                .Select(d => JsonSerializer.Deserialize<RefundCase>(d.Json, ActivityJson.Options)!)
                .Where(c => c.ListingKey is { } key && (after is null || string.CompareOrdinal(CaseListing.PositionOf(key), after) > 0))
                .Take(Batch));
        }

        return merged
            .OrderBy(c => CaseListing.PositionOf(c.ListingKey!), StringComparer.Ordinal)
            .Take(Batch)
            .ToList();
    }
}
