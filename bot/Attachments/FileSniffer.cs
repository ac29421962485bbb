using System.Text;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// What a file is, from its first bytes and never from its name or the type its sender declared: PDF, JPEG, PNG or
/// HEIC/HEIF. Anything else (an executable renamed receipt.pdf, an HTML page, a text file) is not one of them.
/// </summary>
public static class FileSniffer
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly string[] HeicBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis"];
    private static readonly string[] HeifBrands = ["mif1", "msf1"];

    /// <summary>The media type the content is, or null when it is none the bot accepts.</summary>
    public static string? MediaType(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Pdf))
        {
            return "application/pdf";
        }

        if (content.StartsWith(Png))
        {
            return "image/png";
        }

        if (content.StartsWith(Jpeg))
        {
            return "image/jpeg";
        }

        // ISO base media: a box size, "ftyp", then the major brand.
        if (content.Length >= 12 && content.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(content.Slice(8, 4));
            return HeicBrands.Contains(brand) ? "image/heic" : HeifBrands.Contains(brand) ? "image/heif" : null;
        }

        return null;
    }

    /// <summary>The file extension for a media type this class detects.</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/heic" => ".heic",
        "image/heif" => ".heif",
        _ => ".bin",
    };
}
