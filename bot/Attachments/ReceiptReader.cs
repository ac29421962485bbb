using System.Globalization;
using System.Text;
using RefundBot.Dialogs.Cases;
using UglyToad.PdfPig;

namespace RefundBot.Bot.Attachments;

/// <summary>
/// What a PDF receipt's text says about the case it was sent for: whether the order ID, the purchase date and the
/// amount paid appear in it (each null when the case has no such fact, or the PDF has no readable text). Shown to the
/// agent beside the file, a mismatch highlighted; the bot never decides anything from it.
/// </summary>
public sealed record ReceiptCheck(string CaseId, bool HasText, bool? OrderId, bool? PurchaseDate, bool? Amount)
{
    public bool Mismatch => HasText && (OrderId == false || PurchaseDate == false || Amount == false);
}

/// <summary>Reads the text of a PDF (PdfPig) and looks for the case's order ID, purchase date and amount in it.</summary>
public static class ReceiptReader
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static ReceiptCheck Check(byte[] pdf, RefundCase refundCase)
    {
        var text = TextOf(pdf);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ReceiptCheck(refundCase.Id, false, null, null, null);
        }

        var amount = refundCase.Facts.TryGetValue("amount_paid", out var paid)
            && decimal.TryParse(paid, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null;
        return new ReceiptCheck(refundCase.Id, true,
            Compact(text).Contains(Compact(refundCase.OrderId), StringComparison.Ordinal),
            DateSpellings(refundCase.PurchaseDate).Any(d => text.Contains(d, StringComparison.OrdinalIgnoreCase)),
            amount is { } a ? AmountSpellings(a).Any(s => text.Contains(s, StringComparison.Ordinal)) : null);
    }

    /// <summary>The text of every page, or "" when the file cannot be read as a PDF (damaged, encrypted).</summary>
    public static string TextOf(byte[] pdf)
    {
        try
        {
            using var document = PdfDocument.Open(pdf);
            var text = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                text.AppendLine(string.Join(' ', page.GetWords().Select(w => w.Text)));
            }

            return text.ToString();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return "";
        }
    }

    /// <summary>Letters and digits only, upper case: "SD-2001", "sd 2001" and "SD2001" are the same order.</summary>
    private static string Compact(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static IEnumerable<string> DateSpellings(DateOnly date) =>
    [
        date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
        date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
        date.ToString("d MMMM yyyy", English),
        date.ToString("MMMM d, yyyy", English),
        date.ToString("MMM d, yyyy", English),
        date.ToString("d MMMM yyyy", French),
    ];

    private static IEnumerable<string> AmountSpellings(decimal amount) =>
    [
        amount.ToString("0.00", CultureInfo.InvariantCulture),
        amount.ToString("0.00", French),
        amount.ToString("#,0.00", English),
    ];
}
