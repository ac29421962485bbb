using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Privacy;

/// <summary>A channel that keeps its own record of conversations (Direct Line's activity log) and erases it on request or with age.</summary>
public interface IChannelDataEraser
{
    Task EraseAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>Erases what was said before <paramref name="olderThan"/>; returns how many records it erased.</summary>
    Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}

/// <summary>
/// Erases what the bot keeps about one conversation: its state (and so its transcript), archived transcript lines,
/// the refund cases recorded from it, its place in the agent queue and its closed records there (with the team's notes),
/// and what its channel keeps. Asked for by the
/// customer ("forget me") or by the business through the privacy API.
/// </summary>
public sealed partial class ConversationEraser(
    IDocumentStore store, CaseStore cases, HandoffQueue handoffs, ClosedHandoffs closedHandoffs, IEnumerable<IChannelDataEraser> channels,
    ILogger<ConversationEraser> logger)
{
    /// <returns>How many refund cases were erased with the conversation.</returns>
    public async Task<int> EraseAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var key = $"{channelId}/conversations/{conversationId}";
        var erasedCases = 0;
        foreach (var refundCase in await cases.ForConversationAsync(key, cancellationToken))
        {
            await cases.DeleteAsync(refundCase.Id, cancellationToken);
            erasedCases++;
        }

        await handoffs.TryRemoveAsync(key, _ => true, cancellationToken);
        await closedHandoffs.EraseAsync(key, cancellationToken);
        foreach (var archive in await store.ListAsync($"transcripts/{key}/", cancellationToken))
        {
            await store.DeleteAsync(archive.Key, cancellationToken: cancellationToken);
        }

        await store.DeleteAsync(key, cancellationToken: cancellationToken);
        foreach (var channel in channels)
        {
            await channel.EraseAsync(channelId, conversationId, cancellationToken);
        }

        LogErased(logger, channelId, erasedCases);
        return erasedCases;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased a {ChannelId} conversation and its {Cases} case(s) on request")]
    private static partial void LogErased(ILogger logger, string channelId, int cases);
}
