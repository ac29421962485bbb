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
    /// <param name="decidedOn">
    /// When the timeline is told later than its decision (the status look-up): the day it is counted from, so that the
    /// text does not say "from today". Null: told on the day of the decision.
    /// </param>
    public static string Text(BotTexts texts, DecisionTimeline timeline, string language, CultureInfo culture, DateOnly? decidedOn = null)
    {
        string T(string key, params (string, object?)[] args) => texts.Get(language, key, args);
        string Date(DateOnly date) => CustomerDates.Format(date, T("format.date"), culture);
        return T("timeline", ("text", timeline.Text.In(language)),
            ("latest", timeline is { LatestDate: { } date, BusinessDays: { } days }
                ? decidedOn is { } since
                    ? T("timeline.latestSince", ("days", days.ToString(culture)), ("since", Date(since)), ("date", Date(date)))
                    : T("timeline.latest", ("days", days.ToString(culture)), ("date", Date(date)))
                : ""));
    }
}
