using Microsoft.Extensions.Caching.Memory;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// Each image's thumbnail (<see cref="ImageThumbnail"/>) made once, the first time the desk asks for it, and kept in
/// memory by the SHA-256 of the image (at most <see cref="CacheBytes"/>, each for at most an hour, dropped when its
/// conversation is erased). Only the callers decide who may see it: this class is reached after the store said the
/// conversation holds the file.
/// </summary>
public sealed class AttachmentThumbnails : IDisposable
{
    public const long CacheBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly byte[] None = [];
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CacheBytes });

    /// <summary>The thumbnail of <paramref name="info"/>'s file, or null when it cannot have one.</summary>
    public async Task<byte[]?> OfAsync(IAttachmentStore store, StoredAttachmentInfo info, CancellationToken cancellationToken)
    {
        if (!ImageThumbnail.Supports(info.MediaType))
        {
            return null;
        }

        if (!_cache.TryGetValue(info.Sha256, out byte[]? thumbnail))
        {
            var content = await store.ReadAsync(info.ConversationKey, info.Sha256, cancellationToken);
            thumbnail = (content is null ? null : ImageThumbnail.Of(content)) ?? None;
            _cache.Set(info.Sha256, thumbnail, new MemoryCacheEntryOptions { Size = Math.Max(1, thumbnail.Length), AbsoluteExpirationRelativeToNow = Lifetime });
        }

        return thumbnail!.Length == 0 ? null : thumbnail;
    }

    public void Forget(string sha256) => _cache.Remove(sha256);

    public void Dispose() => _cache.Dispose();
}
