using RefundBot.Bot.Attachments;
using RefundBot.Dialogs.Cases;
using UglyToad.PdfPig.Writer;

namespace RefundBot.Bot.Tests.Attachments;

/// <summary>A PDF receipt's text against the case: each of order ID, date and amount found or not, never a decision.</summary>
public sealed class ReceiptReaderTests
{
    private static readonly RefundCase Case = new()
    {
        Id = "RB-RECEIPT1",
        ConversationKey = "directline/conversations/r",
        CreatedAt = new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero),
        Language = "en",
        OrderId = "SD-2001",
        PurchaseDate = new DateOnly(2026, 3, 1),
        Reason = "it does not work",
        ReasonCategory = "defective",
        Facts = new Dictionary<string, string> { ["amount_paid"] = "49.9" },
    };

    [Fact]
    public void A_receipt_naming_the_order_its_date_and_amount_matches_the_case()
    {
        var check = ReceiptReader.Check(Pdf("Order SD 2001", "Date: 01/03/2026", "Total paid: 49,90 EUR"), Case);

        Assert.Equal(new ReceiptCheck("RB-RECEIPT1", true, true, true, true), check);
        Assert.False(check.Mismatch);
    }

    [Fact]
    public void A_receipt_for_another_order_and_amount_is_a_mismatch_for_the_agent()
    {
        var check = ReceiptReader.Check(Pdf("Order SD-9999", "2026-03-01", "Total: 120.00"), Case);

        Assert.Equal((false, true, false), (check.OrderId!.Value, check.PurchaseDate!.Value, check.Amount!.Value));
        Assert.True(check.Mismatch);
    }

    [Fact]
    public void A_pdf_without_text_or_a_damaged_one_says_it_could_not_be_read_and_claims_no_mismatch()
    {
        var damaged = ReceiptReader.Check("%PDF-1.4\nnot really a pdf"u8.ToArray(), Case);

        Assert.False(damaged.HasText);
        Assert.False(damaged.Mismatch);
        Assert.Null(damaged.OrderId);
    }

    private static byte[] Pdf(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        for (var i = 0; i < lines.Length; i++)
        {
            page.AddText(lines[i], 12, new UglyToad.PdfPig.Core.PdfPoint(50, 750 - (i * 20)), font);
        }

        return builder.Build();
    }
}
