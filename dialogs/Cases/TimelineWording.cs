using System.Globalization;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Cases;

/// <summary>
/// A refund timeline as the customer reads it, the same from the bot's decision and from an agent's: the policy's own
/// words, then, where the policy counts business days, the date they lead to, given for reference (never "at the latest").
/// </summary>
internal static class TimelineWording
{
    public static string Text(BotTexts texts, DecisionTimeline timeline, string language, CultureInfo culture)
    {
        string T(string key, params (string, object?)[] args) => texts.Get(language, key, args);
        return T("timeline", ("text", timeline.Text.In(language)),
            ("latest", timeline is { LatestDate: { } date, BusinessDays: { } days }
                ? T("timeline.latest", ("days", days.ToString(culture)), ("date", date.ToString(T("format.date"), culture)))
                : ""));
    }
}
