namespace RefundBot.Bot.Attachments;

/// <summary>What is known of a stored file besides its bytes.</summary>
public sealed record StoredAttachmentInfo(string ConversationKey, string Sha256, string Name, string MediaType, long Size, DateTimeOffset StoredAt);

/// <summary>
/// The files customers sent, by conversation and content (SHA-256): the same file sent twice in a conversation is
/// kept once, and erasing a conversation erases its files. A local folder by default (<see cref="LocalFolderAttachmentStore"/>),
/// PostgreSQL (<see cref="PostgresAttachmentStore"/>) or an S3-compatible bucket (<see cref="S3AttachmentStore"/>) for several instances.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>Keeps the file; keeping it again (a channel's retry) changes nothing.</summary>
    Task PutAsync(StoredAttachmentInfo info, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    Task<StoredAttachmentInfo?> FindAsync(string conversationKey, string sha256, CancellationToken cancellationToken);

    /// <summary>The file's bytes, or null when it is not (or no longer) kept.</summary>
    Task<byte[]?> ReadAsync(string conversationKey, string sha256, CancellationToken cancellationToken);

    /// <summary>The conversation's files, oldest first.</summary>
    Task<IReadOnlyList<StoredAttachmentInfo>> ListAsync(string conversationKey, CancellationToken cancellationToken);

    /// <summary>Erases every file of the conversation; returns how many.</summary>
    Task<int> DeleteConversationAsync(string conversationKey, CancellationToken cancellationToken);

    /// <summary>Erases the files stored before <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
