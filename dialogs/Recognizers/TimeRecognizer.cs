using System.Globalization;
using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>A time of day: "14:30", "14h30", "14h", "2pm", "2:30 pm", "9 am".</summary>
internal static partial class TimeRecognizer
{
    public static TimeOnly? Find(string text)
    {
        var match = Time().Match(text.ToLowerInvariant());
        if (!match.Success)
        {
            return null;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var meridiem = match.Groups["ampm"].Value;
        if (meridiem.Length > 0)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            hour = hour % 12 + (meridiem.StartsWith('p') ? 12 : 0);
        }
        else if (!match.Groups["m"].Success && !match.Groups["sep"].Success)
        {
            return null;
        }

        return hour is >= 0 and <= 23 && minute is >= 0 and <= 59 ? new TimeOnly(hour, minute) : null;
    }

    [GeneratedRegex(@"(?<![\d])(?<h>\d{1,2})(?:(?<sep>[:h])(?<m>\d{2})?)?\s*(?<ampm>[ap]\.?m\.?)?(?![\d])")]
    private static partial Regex Time();
}
