using System.Buffers.Binary;
using SkiaSharp;

namespace RefundBot.Bot.Tests.Attachments;

/// <summary>Real images drawn with SkiaSharp, and ones doctored to lie about themselves (sizes, orientation).</summary>
internal static class TestImages
{
    /// <summary>A picture whose left half is red and right half blue, so that a turn can be seen.</summary>
    public static byte[] Encoded(int width, int height, SKEncodedImageFormat format, bool transparent = false)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(transparent ? SKColors.Transparent : SKColors.Blue);
        using var red = new SKPaint { Color = SKColors.Red };
        surface.Canvas.DrawRect(0, 0, width / 2f, height, red);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    public static byte[] Png(int width, int height, bool transparent = false) => Encoded(width, height, SKEncodedImageFormat.Png, transparent);

    public static byte[] Jpeg(int width, int height) => Encoded(width, height, SKEncodedImageFormat.Jpeg);

    /// <summary>The JPEG with an EXIF APP1 segment giving <paramref name="orientation"/> (6: the camera was turned, show it rotated 90° clockwise).</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] app1 =
        [
            0xFF, 0xE1, 0, 34, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0, 0x2A, 0, 0, 0, 8, // big-endian TIFF, first IFD at 8
            0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, // one entry: Orientation, SHORT
            0, 0, 0, 0,
        ];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>A real PNG whose header (IHDR, its CRC made right) claims <paramref name="width"/> × <paramref name="height"/>: a decompression bomb's shape.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var png = Png(4, 4);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17))); // "IHDR" and its 13 bytes
        return png;
    }

    public static SKBitmap Decode(byte[] image) => SKBitmap.Decode(image) ?? throw new InvalidOperationException("not an image");

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
