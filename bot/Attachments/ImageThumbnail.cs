using SkiaSharp;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// A small JPEG of a customer's photo or screenshot for the agent desk, made with SkiaSharp (Skia's codecs, fuzzed
/// continuously upstream; ImageSharp 2.x has reported flaws with crafted images). The image's size is read from its
/// header first and nothing is decoded when it claims more than <see cref="MaxSourcePixels"/>; a JPEG is decoded
/// already scaled down (1/2 to 1/8), and no decode may take more than <see cref="MaxDecodedPixels"/> pixels. The
/// camera's EXIF orientation is applied; transparency becomes white. HEIC/HEIF has no decoder here: no thumbnail.
/// </summary>
internal static class ImageThumbnail
{
    /// <summary>The longest side of a thumbnail, in pixels.</summary>
    public const int Size = 240;

    /// <summary>What an image may claim in its header (100 MP: a 50 MP phone photo passes, a decompression bomb does not).</summary>
    public const long MaxSourcePixels = 100_000_000;

    /// <summary>What may be decoded at once (4096 × 4096, 64 MB of pixels).</summary>
    public const long MaxDecodedPixels = 4096L * 4096;

    public const string MediaType = "image/jpeg";

    /// <summary>Whether a file of this (sniffed) type can have a thumbnail.</summary>
    public static bool Supports(string mediaType) => mediaType is "image/jpeg" or "image/png";

    /// <summary>The thumbnail as JPEG bytes, or null when the content is no image Skia reads, too large, or broken.</summary>
    public static byte[]? Of(byte[] content)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height is 0 or > MaxSourcePixels)
        {
            return null;
        }

        var scale = Math.Min(1f, (float)Size / Math.Max(codec.Info.Width, codec.Info.Height));
        using var decoded = Decode(codec, scale);
        return decoded is null ? null : Draw(decoded, codec.EncodedOrigin,
            Math.Max(1, (int)Math.Round(codec.Info.Width * scale)), Math.Max(1, (int)Math.Round(codec.Info.Height * scale)));
    }

    private static SKImage? Decode(SKCodec codec, float scale)
    {
        var size = codec.GetScaledDimensions(scale);
        if ((long)size.Width * size.Height > MaxDecodedPixels)
        {
            return null;
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        return result is SKCodecResult.Success or SKCodecResult.IncompleteInput ? SKImage.FromBitmap(bitmap) : null;
    }

    /// <summary>The decoded image at <paramref name="width"/> × <paramref name="height"/>, turned as the camera said, on white, as JPEG.</summary>
    private static byte[] Draw(SKImage decoded, SKEncodedOrigin origin, int width, int height)
    {
        var turned = origin >= SKEncodedOrigin.LeftTop;
        using var surface = SKSurface.Create(new SKImageInfo(turned ? height : width, turned ? width : height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        Orient(canvas, origin, width, height);
        using var paint = new SKPaint();
        canvas.DrawImage(decoded, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, 80);
        return jpeg.ToArray();
    }

    /// <summary>Maps the stored picture (<paramref name="w"/> × <paramref name="h"/>) onto the canvas the way EXIF's orientation says.</summary>
    private static void Orient(SKCanvas canvas, SKEncodedOrigin origin, int w, int h)
    {
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Translate(w, 0); canvas.Scale(-1, 1); break;
            case SKEncodedOrigin.BottomRight: canvas.Translate(w, h); canvas.RotateDegrees(180); break;
            case SKEncodedOrigin.BottomLeft: canvas.Translate(0, h); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.LeftTop: canvas.RotateDegrees(90); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(h, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Translate(h, w); canvas.RotateDegrees(-90); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, w); canvas.RotateDegrees(-90); break;
        }
    }
}
