using System.Globalization;
using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// What is kept of a message longer than <see cref="RefundBotOptions.MaxMessageLength"/>: the bot refuses it in words,
/// so keeping all of it (megabytes, in the channel's log, the transcript and the state) would only cost storage. The
/// channels cut it on arrival to at most the limit, ending with a marker that records the original length, so the bot
/// can still tell the customer how long it was.
/// </summary>
public static partial class OverlongText
{
    /// <summary><paramref name="text"/> when it fits; else its start and the marker, <paramref name="limit"/> characters in all.</summary>
    public static string? Truncate(string? text, int limit)
    {
        if (text is null || limit <= 0 || text.Length <= limit)
        {
            return text;
        }

        var marker = Marker(text.Length);
        var kept = Math.Max(0, limit - marker.Length);
        if (kept > 0 && char.IsHighSurrogate(text[kept - 1]))
        {
            kept--; // never half a character
        }

        return (text[..kept] + marker)[..Math.Min(limit, kept + marker.Length)];
    }

    /// <summary>How long the customer's message was: its length, or the one its truncation marker records.</summary>
    public static int OriginalLength(string text)
    {
        var match = MarkerPattern().Match(text);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? Math.Max(length, text.Length)
            : text.Length;
    }

    private static string Marker(int length) => $"…[truncated, {length.ToString(CultureInfo.InvariantCulture)} characters]";

    [GeneratedRegex(@"…\[truncated, (\d{1,10}) characters\]$")]
    private static partial Regex MarkerPattern();
}
