using RefundBot.Bot.Attachments;

namespace RefundBot.Bot.Tests.Attachments;

/// <summary>A file's type is what its bytes say, never its name: the four kinds the bot keeps, and nothing else.</summary>
public sealed class FileSnifferTests
{
    [Fact]
    public void Pdf_jpeg_png_and_heic_are_recognised_by_their_first_bytes()
    {
        Assert.Equal("application/pdf", FileSniffer.MediaType(TestFiles.Pdf()));
        Assert.Equal("image/jpeg", FileSniffer.MediaType(TestFiles.Jpeg()));
        Assert.Equal("image/png", FileSniffer.MediaType(TestFiles.Png()));
        Assert.Equal("image/heic", FileSniffer.MediaType(TestFiles.Heic()));
    }

    [Fact]
    public void An_executable_an_html_page_with_a_pdf_marker_inside_text_and_nothing_are_none_of_them()
    {
        Assert.Null(FileSniffer.MediaType(TestFiles.Executable()));
        Assert.Null(FileSniffer.MediaType(TestFiles.Html()));
        Assert.Null(FileSniffer.MediaType("Order SD-2001, paid 49.00"u8));
        Assert.Null(FileSniffer.MediaType([]));
        Assert.Null(FileSniffer.MediaType("\0\0\0\x18ftypmp42"u8)); // a video: ISO media, but no HEIF brand
    }
}
