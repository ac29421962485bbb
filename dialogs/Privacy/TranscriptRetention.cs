using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Privacy;

/// <summary>
/// Deletes what was said once it is older than the retention period: archived transcript documents, the lines kept
/// in each conversation's state, and what channels keep (Direct Line's activity log). A conversation still going on
/// keeps the rest of its state (its dialog step, language, policy); one whose every line is past the period is
/// deleted whole, with the facts its dialog had gathered; the desk's records of conversations that left the agent queue
/// (<c>closed-handoffs/</c>) go once they closed before the period. Refund cases stay: they are the business's records.
/// </summary>
public sealed partial class TranscriptRetention(
    IDocumentStore store, IEnumerable<IChannelDataEraser> channels, ILogger<TranscriptRetention> logger)
{
    /// <returns>How many documents were deleted or trimmed.</returns>
    public async Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var purged = 0;
        // Both loops read only what is past the period, through the store's indexes.
        var lastTickBefore = (olderThan.UtcTicks - 1).ToString("D19", CultureInfo.InvariantCulture);
        foreach (var archive in await store.FindRangeAsync(DocumentIndexes.ArchivesByLastLine, "", lastTickBefore, int.MaxValue, cancellationToken: cancellationToken))
        {
            if (ArchivedUntil(archive.Key) < olderThan)
            {
                await store.DeleteAsync(archive.Key, cancellationToken: cancellationToken); // archives are never rewritten
                purged++;
            }
        }

        // Conversation states are "{channel}/conversations/{id}"; those keeping a line from before the cutoff are read.
        var before = DocumentIndex.Time(olderThan.AddTicks(-1));
        foreach (var document in (await store.FindRangeAsync(DocumentIndexes.ConversationsByOldestLine, DocumentIndex.MinTime, before, int.MaxValue, cancellationToken: cancellationToken))
            .Where(d => ConversationKey().IsMatch(d.Key)))
        {
            purged += await TrimAsync(document, olderThan, cancellationToken) ? 1 : 0;
        }

        // The desk's records of conversations that left the queue carry the team's notes and the customer's question.
        foreach (var closed in await store.FindRangeAsync(DocumentIndexes.ClosedHandoffsByTime, DocumentIndex.MinTime, before, int.MaxValue, cancellationToken: cancellationToken))
        {
            await store.DeleteAsync(closed.Key, cancellationToken: cancellationToken); // closed records are never rewritten
            purged++;
        }

        foreach (var channel in channels)
        {
            purged += await channel.PurgeAsync(olderThan, cancellationToken);
        }

        LogPurged(logger, purged, olderThan);
        return purged;
    }

    /// <summary>
    /// Drops the state's lines said before the cutoff, or the whole state when nothing newer was said; a turn that saved
    /// in between wins, and is looked at again next time.
    /// </summary>
    private async Task<bool> TrimAsync(StoredDocument document, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var state = JsonSerializer.Deserialize<ConversationState>(document.Json, ActivityJson.Options);
        if (state is null || !state.Transcript.Any(line => line.At < olderThan))
        {
            return false;
        }

        state.Transcript.RemoveAll(line => line.At < olderThan);
        try
        {
            if (state.Transcript.Count == 0)
            {
                await store.DeleteAsync(document.Key, document.ETag, cancellationToken);
            }
            else
            {
                await store.WriteAsync(document.Key, JsonSerializer.Serialize(state, ActivityJson.Options), document.ETag, cancellationToken);
            }

            return true;
        }
        catch (ETagConflictException)
        {
            return false;
        }
    }

    private static DateTimeOffset ArchivedUntil(string archiveKey) =>
        long.TryParse(archiveKey[(archiveKey.LastIndexOf('/') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks is >= 0 and <= 3155378975999999999
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : DateTimeOffset.MaxValue;

    [GeneratedRegex("^[^/]+/conversations/[^/]+$")]
    private static partial Regex ConversationKey();

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcript retention: {Purged} document(s) deleted or trimmed, lines before {Cutoff:u}")]
    private static partial void LogPurged(ILogger logger, int purged, DateTimeOffset cutoff);
}
