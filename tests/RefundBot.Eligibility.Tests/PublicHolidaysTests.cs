using FsCheck;
using FsCheck.Xunit;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Tests;

/// <summary>Business days skip weekends and the policy's public holidays, fixed ones and those counted from Easter.</summary>
public sealed class PublicHolidaysTests
{
    private static readonly PublicHolidays Belgium = Policies.Get("masecurite").PublicHolidays;

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void Easter_Sunday_is_the_gregorian_one(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), PublicHolidays.EasterSunday(year));

    [Theory]
    [InlineData("2026-12-25", true)] // Christmas Day
    [InlineData("2026-04-06", true)] // Easter Monday
    [InlineData("2026-05-14", true)] // Ascension Day
    [InlineData("2026-05-25", true)] // Whit Monday
    [InlineData("2026-07-21", true)] // Belgian National Day
    [InlineData("2026-12-24", false)]
    [InlineData("2026-04-05", false)] // Easter Sunday itself: a Sunday, not listed
    public void The_belgian_policy_lists_its_holidays(string date, bool holiday) =>
        Assert.Equal(holiday, Belgium.IsHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Fourteen_business_days_over_christmas_and_new_year_skip_both()
    {
        Assert.Equal(new DateOnly(2027, 1, 8), BusinessDays.Add(new DateOnly(2026, 12, 17), 14, Belgium));
        Assert.Equal(new DateOnly(2027, 1, 6), BusinessDays.Add(new DateOnly(2026, 12, 17), 14));
    }

    [Property(MaxTest = 300)]
    public bool The_date_reached_is_a_business_day_and_exactly_that_many_business_days_away(PositiveInt start, PositiveInt count)
    {
        var from = new DateOnly(2026, 1, 1).AddDays(start.Get % 3650);
        var days = count.Get % 60 + 1;
        var reached = BusinessDays.Add(from, days, Belgium);
        var between = Enumerable.Range(1, reached.DayNumber - from.DayNumber).Select(from.AddDays)
            .Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Belgium.IsHoliday(d));
        return between == days && reached.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Belgium.IsHoliday(reached);
    }
}
