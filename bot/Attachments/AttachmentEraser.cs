using RefundBot.Dialogs.Privacy;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// Files go with the rest of a conversation: "forget me" and the privacy API erase its files, and the retention job
/// erases files older than the transcript retention.
/// </summary>
public sealed class AttachmentEraser(IAttachmentStore store) : IChannelDataEraser
{
    public Task EraseAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        store.DeleteConversationAsync($"{channelId}/conversations/{conversationId}", cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        store.DeleteOlderThanAsync(olderThan, cancellationToken);
}
