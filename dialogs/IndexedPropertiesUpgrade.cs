using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs;

/// <summary>
/// Once per store: rewrites the documents saved before they carried the properties that the store's indexes read
/// (a case's <see cref="RefundCase.FollowUpDueAt"/>, a ticket's <see cref="HandoffTicket.QueuedAt"/>, a state's
/// <see cref="ConversationState.RetainedSince"/>), so that a follow-up pending from before the upgrade is still found.
/// The stores index the properties a document has; only the model knows how to derive these. Each rewrite is
/// compare-and-swap: a document a turn saved meanwhile already has them. This reads the whole store, once, ever; a
/// marker document says it was done.
/// </summary>
public sealed partial class IndexedPropertiesUpgrade(IDocumentStore store, ILogger<IndexedPropertiesUpgrade> logger)
{
    public const string Marker = "upgrades/indexed-properties-1";

    /// <returns>How many documents were rewritten (0 when the upgrade had already run).</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
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
        var upgraded = document.Key switch
        {
            _ when document.Key.StartsWith("cases/", StringComparison.Ordinal) => Upgrade<RefundCase>(document.Json, "followUpDueAt"),
            _ when document.Key.StartsWith("handoffs/", StringComparison.Ordinal) => Upgrade<HandoffTicket>(document.Json, "queuedAt"),
            _ when ConversationKey().IsMatch(document.Key) => Upgrade<ConversationState>(document.Json, "retainedSince"),
            _ => null,
        };
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored documents upgraded for the store's indexes: {Rewritten} rewritten")]
    private static partial void LogUpgraded(ILogger logger, int rewritten);
}
