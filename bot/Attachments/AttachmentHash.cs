using System.Security.Cryptography;

namespace RefundBot.Bot.Attachments;

/// <summary>A file's address: the SHA-256 of its bytes, lower-case hex.</summary>
public static class AttachmentHash
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static bool IsValid(string? sha256) =>
        sha256 is { Length: 64 } && sha256.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
