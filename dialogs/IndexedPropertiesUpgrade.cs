using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs;

/// <summary>
/// Once per store: rewrites the documents saved before they carried the properties that the store's indexes read
/// (a case's <see cref="RefundCase.FollowUpDueAt"/>, a ticket's <see cref="HandoffTicket.QueuedAt"/>, a state's
/// <see cref="ConversationState.RetainedSince"/>), so that a follow-up pending from before the upgrade is still found.
/// The stores index the properties a document has; only the model knows how to derive these. Each rewrite is
/// compare-and-swap: a document a turn saved meanwhile already has them. This reads the whole store, once, ever; a
/// marker document says it was done. On the way, a state that still carries an earlier version's confirmed "forget me"
/// (<see cref="ConversationState.ErasureConfirmed"/>) has its erasure committed as an outbox record and carried out.
/// </summary>
public sealed partial class IndexedPropertiesUpgrade(IDocumentStore store, IOutbox outbox, ILogger<IndexedPropertiesUpgrade> logger)
{
    public const string Marker = "upgrades/indexed-properties-1";

    /// <summary>
    /// The marker of a later pass over the cases alone: those saved before they carried their
    /// <see cref="RefundCase.ListingKey"/> get it, so the business's list of cases holds them too.
    /// </summary>
    public const string CaseListingMarker = "upgrades/case-listing-1";

    /// <returns>How many documents were rewritten (0 when the upgrade had already run).</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken) =>
        await WholeStoreOnceAsync(cancellationToken) + await CaseListingOnceAsync(cancellationToken);

    private async Task<int> CaseListingOnceAsync(CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(CaseListingMarker, cancellationToken) is not null)
        {
            return 0;
        }

        var rewritten = 0;
        foreach (var document in await store.ListAsync("cases/", cancellationToken))
        {
            rewritten += await RewriteAsync(document, Upgrade<RefundCase>(document.Json, "listingKey"), cancellationToken) ? 1 : 0;
        }

        await store.WriteAsync(CaseListingMarker, "{}", ETags.Any, cancellationToken);
        LogUpgraded(logger, rewritten);
        return rewritten;
    }

    private async Task<int> WholeStoreOnceAsync(CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(Marker, cancellationToken) is not null)
        {
            return 0;
        }

        var rewritten = 0;
        foreach (var document in await store.ListAsync("", cancellationToken))
        {
            rewritten += await UpgradeAsync(document, cancellationToken) ? 1 : 0;
        }

        await store.WriteAsync(Marker, "{}", ETags.Any, cancellationToken);
        LogUpgraded(logger, rewritten);
        return rewritten;
    }

    private async Task<bool> UpgradeAsync(StoredDocument document, CancellationToken cancellationToken)
    {
        if (ConversationKey().IsMatch(document.Key) && ConfirmedErasure(document.Json) is { } state)
        {
            return await EraseAsync(document, state, cancellationToken);
        }

        var upgraded = document.Key switch
        {
            _ when document.Key.StartsWith("cases/", StringComparison.Ordinal) => Upgrade<RefundCase>(document.Json, "followUpDueAt"),
            _ when document.Key.StartsWith("handoffs/", StringComparison.Ordinal) => Upgrade<HandoffTicket>(document.Json, "queuedAt"),
            _ when ConversationKey().IsMatch(document.Key) => Upgrade<ConversationState>(document.Json, "retainedSince"),
            _ => null,
        };
        return await RewriteAsync(document, upgraded, cancellationToken);
    }

    private async Task<bool> RewriteAsync(StoredDocument document, string? upgraded, CancellationToken cancellationToken)
    {
        if (upgraded is null)
        {
            return false;
        }

        try
        {
            await store.WriteAsync(document.Key, upgraded, document.ETag, cancellationToken);
            return true;
        }
        catch (ETagConflictException)
        {
            return false; // saved meanwhile, by code that writes the property
        }
    }

    /// <summary>The erasure committed with the state (flag cleared, guarded by its ETag), then carried out.</summary>
    private async Task<bool> EraseAsync(StoredDocument document, ConversationState state, CancellationToken cancellationToken)
    {
        var parts = document.Key.Split('/');
        state.ErasureConfirmed = false;
        var reference = state.Reference
            ?? new ConversationReference(parts[0], null, new ConversationAccount { Id = parts[2] }, null, null, state.Culture);
        PendingOutboxRecord[] records = [new(OutboxKeys.For(document.Key, DateTimeOffset.UnixEpoch, 0), OutboxRecord.Erasure(document.Key, reference, null))];
        try
        {
            await store.CommitAsync(
            [
                .. records.Select(r => DocumentWrite.Put(r.Key, InlineOutbox.Serialize(r.Record), null)),
                DocumentWrite.Put(document.Key, JsonSerializer.Serialize(state, ActivityJson.Options), document.ETag),
            ], cancellationToken);
        }
        catch (ETagConflictException)
        {
            return false; // saved meanwhile: the turn that saved it met the flag and carried out the erasure
        }

        LogErasureFound(logger, parts[0]);
        await outbox.Dispatch(records, null);
        return true;
    }

    private static ConversationState? ConfirmedErasure(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ConversationState>(json, ActivityJson.Options) is { ErasureConfirmed: true } state ? state : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The document again through its model, when that adds <paramref name="property"/>; else null (nothing to do).</summary>
    private static string? Upgrade<T>(string json, string property)
    {
        try
        {
            using var parsed = JsonDocument.Parse(json);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object || parsed.RootElement.TryGetProperty(property, out _))
            {
                return null;
            }

            var again = JsonSerializer.Serialize(JsonSerializer.Deserialize<T>(json, ActivityJson.Options), ActivityJson.Options);
            return again.Contains($"\"{property}\":", StringComparison.Ordinal) ? again : null;
        }
        catch (JsonException)
        {
            return null; // not a document of that kind after all
        }
    }

    [GeneratedRegex("^[^/]+/conversations/[^/]+$")]
    private static partial Regex ConversationKey();

    [LoggerMessage(Level = LogLevel.Information, Message = "A {ChannelId} conversation's 'forget me', confirmed under an earlier version, is carried out now")]
    private static partial void LogErasureFound(ILogger logger, string channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored documents upgraded for the store's indexes: {Rewritten} rewritten")]
    private static partial void LogUpgraded(ILogger logger, int rewritten);
}
