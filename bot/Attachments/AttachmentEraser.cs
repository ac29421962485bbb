using RefundBot.Dialogs.Privacy;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// Files go with the rest of a conversation: "forget me" and the privacy API erase its files, and the retention job
/// erases files older than the transcript retention. The desk's thumbnails of an erased conversation's images go
/// with them (those of files erased by retention expire within the hour).
/// </summary>
public sealed class AttachmentEraser(IAttachmentStore store, AttachmentThumbnails thumbnails) : IChannelDataEraser
{
    public async Task EraseAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var key = $"{channelId}/conversations/{conversationId}";
        foreach (var file in await store.ListAsync(key, cancellationToken))
        {
            thumbnails.Forget(file.Sha256);
        }

        await store.DeleteConversationAsync(key, cancellationToken);
    }

    public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        store.DeleteOlderThanAsync(olderThan, cancellationToken);
}
