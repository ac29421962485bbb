using System.Globalization;

namespace RefundBot.Dialogs.Cases;

/// <summary>Amounts as a customer reads them in their language ("€12.50", "12,50 €").</summary>
public static class Money
{
    public static string Format(decimal amount, string currency, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = currency switch { "EUR" => "€", "USD" => "$", "GBP" => "£", _ => currency };
        return amount.ToString("C2", format);
    }
}
