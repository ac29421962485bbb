using System.Globalization;

namespace RefundBot.Bot.ChatPage;

/// <summary>
/// A brand's accent colour, <c>#rrggbb</c>, and how well white text reads on it (WCAG 2 contrast ratio), since the
/// page writes white on the accent (header, the customer's bubbles) and axe checks exactly that.
/// </summary>
public static class AccentColour
{
    /// <summary>WCAG AA for normal text.</summary>
    public const double MinimumContrast = 4.5;

    public static bool IsHexColour(string? value) =>
        value is { Length: 7 } && value[0] == '#' && value.Skip(1).All(char.IsAsciiHexDigit);

    /// <summary>The contrast ratio of white on <paramref name="hex"/> (1 to 21).</summary>
    public static double WhiteContrast(string hex)
    {
        var luminance = 0.2126 * Channel(hex, 1) + 0.7152 * Channel(hex, 3) + 0.0722 * Channel(hex, 5);
        return 1.05 / (luminance + 0.05);
    }

    private static double Channel(string hex, int at)
    {
        var value = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
        return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
    }
}
