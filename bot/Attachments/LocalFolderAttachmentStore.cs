using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// Files in a folder of the bot's (one instance): a sub-folder per conversation, named by the hash of its key (so no
/// customer-chosen text is ever part of a path), holding each file as <c>{sha256}.bin</c> beside its
/// <c>{sha256}.json</c>. Each is written to a temporary name and moved into place, so a crash leaves no half file.
/// </summary>
public sealed class LocalFolderAttachmentStore(string root) : IAttachmentStore
{
    public async Task PutAsync(StoredAttachmentInfo info, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var folder = Folder(info.ConversationKey);
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, FileName(info.Sha256, ".bin"));
        if (File.Exists(data))
        {
            return;
        }

        await WriteAtomicallyAsync(Path.Combine(folder, FileName(info.Sha256, ".json")), JsonSerializer.SerializeToUtf8Bytes(info), cancellationToken);
        await WriteAtomicallyAsync(data, content, cancellationToken);
    }

    public async Task<StoredAttachmentInfo?> FindAsync(string conversationKey, string sha256, CancellationToken cancellationToken)
    {
        var folder = Folder(conversationKey);
        return File.Exists(Path.Combine(folder, FileName(sha256, ".bin"))) ? await ReadInfoAsync(Path.Combine(folder, FileName(sha256, ".json")), cancellationToken) : null;
    }

    public async Task<byte[]?> ReadAsync(string conversationKey, string sha256, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder(conversationKey), FileName(sha256, ".bin"));
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<StoredAttachmentInfo>> ListAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var folder = Folder(conversationKey);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var found = new List<StoredAttachmentInfo>();
        foreach (var data in Directory.EnumerateFiles(folder, "*.bin"))
        {
            if (await ReadInfoAsync(Path.ChangeExtension(data, ".json"), cancellationToken) is { } info)
            {
                found.Add(info);
            }
        }

        return [.. found.OrderBy(f => f.StoredAt).ThenBy(f => f.Sha256, StringComparer.Ordinal)];
    }

    public Task<int> DeleteConversationAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var folder = Folder(conversationKey);
        if (!Directory.Exists(folder))
        {
            return Task.FromResult(0);
        }

        var count = Directory.EnumerateFiles(folder, "*.bin").Count();
        Directory.Delete(folder, recursive: true);
        return Task.FromResult(count);
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var json in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).ToList())
        {
            if (await ReadInfoAsync(json, cancellationToken) is { } info && info.StoredAt < olderThan)
            {
                File.Delete(Path.ChangeExtension(json, ".bin"));
                File.Delete(json);
                deleted++;
            }
        }

        return deleted;
    }

    private string Folder(string conversationKey) =>
        Path.Combine(root, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(conversationKey))));

    /// <summary>Only a SHA-256 in hex names a file: anything else (a path, "..") is refused before it reaches the disk.</summary>
    private static string FileName(string sha256, string extension) =>
        AttachmentHash.IsValid(sha256) ? sha256 + extension : throw new ArgumentException("Not a SHA-256 in hex.", nameof(sha256));

    private static async Task<StoredAttachmentInfo?> ReadInfoAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<StoredAttachmentInfo>(stream, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
