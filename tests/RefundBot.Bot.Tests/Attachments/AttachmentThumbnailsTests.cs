using RefundBot.Bot.Attachments;

namespace RefundBot.Bot.Tests.Attachments;

/// <summary>A thumbnail is made once per image content and forgotten when its conversation is erased.</summary>
public sealed class AttachmentThumbnailsTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LocalFolderAttachmentStore _store;
    private readonly AttachmentThumbnails _thumbnails = new();

    public AttachmentThumbnailsTests() => _store = new LocalFolderAttachmentStore(_temp.File("files"));

    [Fact]
    public async Task A_thumbnail_is_made_once_then_served_from_memory_until_forgotten()
    {
        var photo = await KeepAsync("directline/conversations/t1", TestImages.Png(600, 300));
        var first = await _thumbnails.OfAsync(_store, photo, default);
        await _store.DeleteConversationAsync(photo.ConversationKey, default); // the bytes are gone: only the memory has it

        Assert.Equal(first, await _thumbnails.OfAsync(_store, photo, default));

        _thumbnails.Forget(photo.Sha256);
        Assert.Null(await _thumbnails.OfAsync(_store, photo, default));
    }

    [Fact]
    public async Task The_eraser_forgets_the_thumbnails_of_the_conversation_it_erases()
    {
        var photo = await KeepAsync("directline/conversations/t2", TestImages.Jpeg(600, 300));
        Assert.NotNull(await _thumbnails.OfAsync(_store, photo, default));

        await new AttachmentEraser(_store, _thumbnails).EraseAsync("directline", "t2", default);
        await _store.PutAsync(photo, TestFiles.Pdf(), default); // were it still cached, this would not be read

        Assert.Null(await _thumbnails.OfAsync(_store, photo, default));
    }

    [Fact]
    public async Task A_heic_photo_gets_none()
    {
        var heic = await KeepAsync("directline/conversations/t3", TestFiles.Heic());

        Assert.Null(await _thumbnails.OfAsync(_store, heic, default));
    }

    private async Task<StoredAttachmentInfo> KeepAsync(string conversation, byte[] content)
    {
        var info = new StoredAttachmentInfo(conversation, AttachmentHash.Of(content), "photo", FileSniffer.MediaType(content)!, content.Length, DateTimeOffset.UtcNow);
        await _store.PutAsync(info, content, default);
        return info;
    }

    public void Dispose()
    {
        _thumbnails.Dispose();
        _temp.Dispose();
    }
}
