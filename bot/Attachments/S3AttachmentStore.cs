using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage...), shared by every instance. Keys are content
/// addressed like the local folder's paths: <c>{sha256 of the conversation key}/{sha256}.bin</c> for the bytes beside
/// <c>{sha256 of the conversation key}/{sha256}.json</c> for what is known of them, so no customer-chosen text is
/// ever part of a key. The description is written before the bytes and a file counts as kept once its bytes are there.
/// </summary>
internal sealed class S3AttachmentStore(IAmazonS3 s3, string bucket) : IAttachmentStore
{
    private const string Data = ".bin";
    private const string Description = ".json";

    /// <summary>A client for <paramref name="options"/>: checksums only where S3 requires them, which S3-compatible servers accept.</summary>
    public static IAmazonS3 Client(S3Options options) => new AmazonS3Client(
        new BasicAWSCredentials(options.AccessKey, options.SecretKey),
        new AmazonS3Config
        {
            ServiceURL = options.Endpoint,
            AuthenticationRegion = options.Region,
            ForcePathStyle = options.PathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    public async Task PutAsync(StoredAttachmentInfo info, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var prefix = Prefix(info.ConversationKey);
        if (await ExistsAsync(prefix + Name(info.Sha256, Data), cancellationToken))
        {
            return;
        }

        await WriteAsync(prefix + Name(info.Sha256, Description), JsonSerializer.SerializeToUtf8Bytes(info), "application/json", cancellationToken);
        await WriteAsync(prefix + Name(info.Sha256, Data), content.ToArray(), "application/octet-stream", cancellationToken);
    }

    public async Task<StoredAttachmentInfo?> FindAsync(string conversationKey, string sha256, CancellationToken cancellationToken)
    {
        var prefix = Prefix(conversationKey);
        return await ExistsAsync(prefix + Name(sha256, Data), cancellationToken) ? await ReadInfoAsync(prefix + Name(sha256, Description), cancellationToken) : null;
    }

    public Task<byte[]?> ReadAsync(string conversationKey, string sha256, CancellationToken cancellationToken) =>
        ReadObjectAsync(Prefix(conversationKey) + Name(sha256, Data), cancellationToken);

    public async Task<IReadOnlyList<StoredAttachmentInfo>> ListAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var found = new List<StoredAttachmentInfo>();
        foreach (var key in await KeysAsync(Prefix(conversationKey), cancellationToken))
        {
            if (key.EndsWith(Data, StringComparison.Ordinal) && await ReadInfoAsync(DescriptionOf(key), cancellationToken) is { } info)
            {
                found.Add(info);
            }
        }

        return [.. found.OrderBy(f => f.StoredAt).ThenBy(f => f.Sha256, StringComparer.Ordinal)];
    }

    public async Task<int> DeleteConversationAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var keys = await KeysAsync(Prefix(conversationKey), cancellationToken);
        foreach (var key in keys)
        {
            await s3.DeleteObjectAsync(bucket, key, cancellationToken);
        }

        return keys.Count(k => k.EndsWith(Data, StringComparison.Ordinal));
    }

    /// <summary>Reads every description in the bucket: retention runs daily, and a bucket holds one bot's files.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var key in await KeysAsync("", cancellationToken))
        {
            if (key.EndsWith(Description, StringComparison.Ordinal) && await ReadInfoAsync(key, cancellationToken) is { } info && info.StoredAt < olderThan)
            {
                await s3.DeleteObjectAsync(bucket, key[..^Description.Length] + Data, cancellationToken);
                await s3.DeleteObjectAsync(bucket, key, cancellationToken);
                deleted++;
            }
        }

        return deleted;
    }

    private static string Prefix(string conversationKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(conversationKey))) + "/";

    /// <summary>Only a SHA-256 in hex names a file: anything else is refused before it becomes a key.</summary>
    private static string Name(string sha256, string extension) =>
        AttachmentHash.IsValid(sha256) ? sha256 + extension : throw new ArgumentException("Not a SHA-256 in hex.", nameof(sha256));

    private static string DescriptionOf(string dataKey) => dataKey[..^Data.Length] + Description;

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task WriteAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content, writable: false);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = key, InputStream = body, ContentType = contentType, AutoCloseStream = false, UseChunkEncoding = false,
        }, cancellationToken);
    }

    private async Task<byte[]?> ReadObjectAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<StoredAttachmentInfo?> ReadInfoAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadObjectAsync(key, cancellationToken) is { } json ? JsonSerializer.Deserialize<StoredAttachmentInfo>(json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<List<string>> KeysAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return keys;
    }
}
