using System.Diagnostics;
using RefundBot.Bot.Attachments;
using SkiaSharp;
using Xunit.Abstractions;

namespace RefundBot.Bot.Tests.Attachments;

/// <summary>The desk's thumbnails of customers' images: small JPEGs, turned as the camera said, and never a decode an image's header could blow up.</summary>
public sealed class ImageThumbnailTests(ITestOutputHelper output)
{
    public static TheoryData<string, Func<byte[]>, int, int> Images() => new()
    {
        { "a wide PNG screenshot", () => TestImages.Png(1200, 800), 240, 160 },
        { "a tall JPEG photo", () => TestImages.Jpeg(600, 900), 160, 240 },
        { "a small PNG is not enlarged", () => TestImages.Png(100, 50), 100, 50 },
        { "a phone photo taken sideways (EXIF orientation 6)", () => TestImages.WithExifOrientation(TestImages.Jpeg(300, 100), 6), 80, 240 },
        { "a photo upside down (EXIF orientation 3)", () => TestImages.WithExifOrientation(TestImages.Jpeg(300, 100), 3), 240, 80 },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void An_image_becomes_a_jpeg_of_at_most_240_pixels_a_side_as_it_is_meant_to_be_seen(string what, Func<byte[]> image, int width, int height)
    {
        var thumbnail = ImageThumbnail.Of(image());

        Assert.NotNull(thumbnail);
        Assert.Equal("image/jpeg", FileSniffer.MediaType(thumbnail));
        using var decoded = TestImages.Decode(thumbnail);
        Assert.True((width, height) == (decoded.Width, decoded.Height), $"{what}: {decoded.Width} × {decoded.Height}");
    }

    [Fact]
    public void A_sideways_photo_is_turned_clockwise_its_left_edge_on_top()
    {
        using var decoded = TestImages.Decode(ImageThumbnail.Of(TestImages.WithExifOrientation(TestImages.Jpeg(300, 100), 6))!);

        Assert.True(IsRed(decoded.GetPixel(40, 5)), $"top: {decoded.GetPixel(40, 5)}");
        Assert.True(IsBlue(decoded.GetPixel(40, 234)), $"bottom: {decoded.GetPixel(40, 234)}");
    }

    [Fact]
    public void A_transparent_screenshot_is_drawn_on_white()
    {
        using var decoded = TestImages.Decode(ImageThumbnail.Of(TestImages.Png(400, 400, transparent: true))!);

        var corner = decoded.GetPixel(235, 5);
        Assert.True(corner.Red > 240 && corner.Green > 240 && corner.Blue > 240, corner.ToString());
    }

    public static TheoryData<string, Func<byte[]>> NoThumbnail() => new()
    {
        { "a PNG whose header claims 20000 × 20000 pixels", () => TestImages.PngClaiming(20_000, 20_000) },
        { "a PNG claiming 8000 × 8000 (under the header's limit, but a PNG cannot be decoded scaled down)", () => TestImages.PngClaiming(8000, 8000) },
        { "a HEIC photo (no decoder here)", TestFiles.Heic },
        { "a PDF", () => TestFiles.Pdf() },
        { "an HTML page", TestFiles.Html },
        { "an empty file", () => [] },
    };

    [Theory]
    [MemberData(nameof(NoThumbnail))]
    public void What_is_no_image_skia_may_safely_decode_has_no_thumbnail(string what, Func<byte[]> content)
    {
        Assert.True(ImageThumbnail.Of(content()) is null, what);
    }

    /// <summary>So that the two refusals above are the limits' doing, not a header Skia would not read anyway.</summary>
    [Theory]
    [InlineData(20_000)]
    [InlineData(8000)]
    public void A_doctored_png_header_is_read_as_the_size_it_claims(int side)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(TestImages.PngClaiming(side, side)));

        Assert.Equal((side, side), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public void A_12_megapixel_phone_photo_is_decoded_scaled_down()
    {
        var photo = TestImages.Jpeg(4032, 3024);
        var clock = Stopwatch.StartNew();

        var thumbnail = ImageThumbnail.Of(photo);

        clock.Stop();
        output.WriteLine($"4032 × 3024 JPEG ({photo.Length / 1024} KB) → {thumbnail!.Length / 1024} KB thumbnail in {clock.ElapsedMilliseconds} ms");
        using var decoded = TestImages.Decode(thumbnail);
        Assert.Equal((240, 180), (decoded.Width, decoded.Height));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.ElapsedMilliseconds} ms");
    }

    private static bool IsRed(SKColor c) => c.Red > 180 && c.Blue < 80;

    private static bool IsBlue(SKColor c) => c.Blue > 180 && c.Red < 80;
}
