using System.Globalization;

namespace RefundBot.Eligibility.Model;

/// <summary>
/// The days a policy's business days skip besides Saturdays and Sundays: the public holidays of the business's
/// country, as days that come back on the same date each year (<see cref="Fixed"/>, "12-25") and days counted from
/// Easter Sunday (<see cref="Easter"/>: 1 is Easter Monday, 39 Ascension Day, 50 Whit Monday). Policy data
/// (<c>publicHolidays</c> in policy.yaml); without it, business days are Monday to Friday.
/// </summary>
public sealed class PublicHolidays
{
    /// <summary>Month and day, "MM-dd".</summary>
    public List<string> Fixed { get; set; } = [];

    /// <summary>Days after Easter Sunday (negative: before it).</summary>
    public List<int> Easter { get; set; } = [];

    public bool IsHoliday(DateOnly date) =>
        Fixed.Contains(date.ToString("MM-dd", CultureInfo.InvariantCulture)) || Easter.Contains(date.DayNumber - EasterSunday(date.Year).DayNumber);

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm of Meeus, Jones and Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100;
        int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
