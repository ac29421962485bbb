using System.Globalization;

namespace RefundBot.Bot.Payments;

/// <summary>
/// An amount in a currency's smallest unit, as payment APIs take it (€116.71 → 11671), computed exactly in decimal:
/// an amount with more decimals than the currency has is refused, never rounded.
/// </summary>
public static class MinorUnits
{
    /// <summary>Stripe's zero-decimal currencies (its documentation's list).</summary>
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    /// <summary>Stripe's three-decimal currencies.</summary>
    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.OrdinalIgnoreCase) { "BHD", "JOD", "KWD", "OMR", "TND" };

    public static int DecimalsOf(string currency) => ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;

    public static long Of(decimal amount, string currency)
    {
        var decimals = DecimalsOf(currency);
        var scaled = amount * Pow10(decimals);
        if (amount <= 0 || scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount.ToString(CultureInfo.InvariantCulture),
                $"not a positive amount in {currency}'s minor units ({decimals} decimals)");
        }

        return decimal.ToInt64(scaled);
    }

    private static decimal Pow10(int decimals) => decimals switch { 0 => 1m, 2 => 100m, _ => 1000m };
}
