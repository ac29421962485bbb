using System.Globalization;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;

namespace RefundBot.Dialogs.Tests.Recognizers;

/// <summary>
/// Purchase dates as customers write them, resolved against a fixed instant in the customer's zone.
/// "P" is Friday 20 March 2026, 10:00 in Paris; "NY" the same wall-clock time in New York; "AK" is 23:30 that Friday in
/// Auckland and "AK+" 00:30 on Saturday 21 there (near midnight, where server-clock dates would be a day off).
/// Expected: a date, "future", "period" or "none".
/// </summary>
public sealed class PurchaseDateRecognizerTests
{
    private static readonly PurchaseDateRecognizer Recognizer = new();

    [Theory]
    [InlineData("P", "en-US", "last Tuesday", "2026-03-17")]
    [InlineData("P", "en-US", "I bought it last Tuesday", "2026-03-17")]
    [InlineData("P", "en-US", "Tuesday", "2026-03-17")]
    [InlineData("P", "en-US", "on Monday", "2026-03-16")]
    [InlineData("P", "en-US", "last Friday", "2026-03-13")]
    [InlineData("P", "en-US", "two weeks ago", "2026-03-06")]
    [InlineData("P", "en-US", "3 days ago", "2026-03-17")]
    [InlineData("P", "en-US", "a week ago", "2026-03-13")]
    [InlineData("P", "en-US", "I bought it 10 days ago", "2026-03-10")]
    [InlineData("P", "en-US", "yesterday", "2026-03-19")]
    [InlineData("P", "en-US", "the day before yesterday", "2026-03-18")]
    [InlineData("P", "en-US", "today", "2026-03-20")]
    [InlineData("P", "en-US", "on the 15th", "2026-03-15")]
    [InlineData("P", "en-US", "the 25th", "2026-02-25")]
    [InlineData("P", "en-US", "on the 31st", "2026-01-31")]
    [InlineData("P", "en-US", "March 3rd", "2026-03-03")]
    [InlineData("P", "en-US", "March the 3rd", "2026-03-03")]
    [InlineData("P", "en-US", "bought it on march the 3rd", "2026-03-03")]
    [InlineData("P", "en-US", "March 3", "2026-03-03")]
    [InlineData("P", "en-US", "December 24", "2025-12-24")]
    [InlineData("P", "en-US", "Dec 24th", "2025-12-24")]
    [InlineData("P", "en-US", "Feb 28", "2026-02-28")]
    [InlineData("P", "en-GB", "12 March 2026", "2026-03-12")]
    [InlineData("P", "en-US", "March 12, 2026", "2026-03-12")]
    [InlineData("P", "en-US", "2026-03-12", "2026-03-12")]
    [InlineData("P", "en-US", "03/04/2026", "2026-03-04")]
    [InlineData("P", "en-GB", "03/02/2026", "2026-02-03")]
    [InlineData("P", "en-US", "3/14/2026", "2026-03-14")]
    [InlineData("P", "en-US", "last month", "period")]
    [InlineData("P", "en-US", "sometime last week", "period")]
    [InlineData("P", "en-US", "next Tuesday", "future")]
    [InlineData("P", "en-US", "tomorrow", "future")]
    [InlineData("P", "en-US", "in 3 days", "future")]
    [InlineData("P", "en-US", "March 25, 2026", "future")]
    [InlineData("P", "en-GB", "03/04/2026", "future")]
    [InlineData("P", "en-US", "a while ago", "none")]
    [InlineData("NY", "en-US", "5 days ago", "2026-03-15")]
    [InlineData("NY", "en-US", "2 weeks ago", "2026-03-06")]
    [InlineData("AK", "en-NZ", "yesterday", "2026-03-19")]
    [InlineData("AK", "en-NZ", "today", "2026-03-20")]
    [InlineData("AK+", "en-NZ", "yesterday", "2026-03-20")]
    [InlineData("AK+", "en-NZ", "today", "2026-03-21")]
    [InlineData("AK+", "en-NZ", "last Friday", "2026-03-20")]
    public void English(string at, string culture, string text, string expected) => Check(at, culture, text, expected);

    [Theory]
    [InlineData("P", "fr-FR", "il y a 3 jours", "2026-03-17")]
    [InlineData("P", "fr-FR", "il y a 5 jours", "2026-03-15")]
    [InlineData("P", "fr-FR", "il y a deux semaines", "2026-03-06")]
    [InlineData("P", "fr-FR", "il y a une semaine", "2026-03-13")]
    [InlineData("P", "fr-FR", "il y a 10 jours", "2026-03-10")]
    [InlineData("P", "fr-FR", "je l'ai acheté il y a 4 jours", "2026-03-16")]
    [InlineData("P", "fr-FR", "hier", "2026-03-19")]
    [InlineData("P", "fr-FR", "avant-hier", "2026-03-18")]
    [InlineData("P", "fr-FR", "aujourd'hui", "2026-03-20")]
    [InlineData("P", "fr-FR", "le 12 mars", "2026-03-12")]
    [InlineData("P", "fr-FR", "12 mars 2026", "2026-03-12")]
    [InlineData("P", "fr-FR", "le 3 mars", "2026-03-03")]
    [InlineData("P", "fr-FR", "1er mars", "2026-03-01")]
    [InlineData("P", "fr-FR", "le 5 février 2026", "2026-02-05")]
    [InlineData("P", "fr-FR", "5 février", "2026-02-05")]
    [InlineData("P", "fr-FR", "le 24 décembre", "2025-12-24")]
    // five days ahead: a future date to ask about, not the 25 March a year ago (it was taken as that, and decided on)
    [InlineData("P", "fr-FR", "le 25 mars", "future")]
    [InlineData("P", "fr-FR", "le 25 mars dernier", "2025-03-25")]
    [InlineData("P", "fr-FR", "vendredi dernier", "2026-03-13")]
    [InlineData("P", "fr-FR", "je l'ai acheté vendredi dernier", "2026-03-13")]
    [InlineData("P", "fr-FR", "mardi dernier", "2026-03-17")]
    [InlineData("P", "fr-FR", "samedi dernier", "2026-03-14")]
    [InlineData("P", "fr-FR", "mardi", "2026-03-17")]
    [InlineData("P", "fr-FR", "lundi", "2026-03-16")]
    [InlineData("P", "fr-FR", "dimanche", "2026-03-15")]
    [InlineData("P", "fr-FR", "le 15", "2026-03-15")]
    [InlineData("P", "fr-FR", "le 25", "2026-02-25")]
    [InlineData("P", "fr-FR", "le 1er", "2026-03-01")]
    [InlineData("P", "fr-FR", "le 31", "2026-01-31")]
    [InlineData("P", "fr-FR", "12/03/2026", "2026-03-12")]
    [InlineData("P", "fr-FR", "03/02/2026", "2026-02-03")]
    [InlineData("P", "fr-FR", "2026-03-12", "2026-03-12")]
    [InlineData("P", "fr-FR", "3/4/2026", "future")]
    [InlineData("P", "fr-FR", "le mois dernier", "period")]
    [InlineData("P", "fr-FR", "la semaine dernière", "period")]
    [InlineData("P", "fr-FR", "demain", "future")]
    [InlineData("P", "fr-FR", "dans 3 jours", "future")]
    [InlineData("P", "fr-FR", "il y a longtemps", "none")]
    [InlineData("NY", "fr-CA", "il y a 2 jours", "2026-03-18")]
    [InlineData("AK+", "fr-FR", "hier", "2026-03-20")]
    [InlineData("AK", "fr-FR", "aujourd'hui", "2026-03-20")]
    [InlineData("AK+", "fr-FR", "vendredi dernier", "2026-03-20")]
    public void French(string at, string culture, string text, string expected) => Check(at, culture, text, expected);

    /// <summary>
    /// No wrong day is taken: "a week ago today" is not today, "since this morning" dates a problem and not a purchase,
    /// a hedged day is asked for ("approximate"), and "ce matin" is today. (P is Friday 20 March 2026.)
    /// </summary>
    [Theory]
    [InlineData("en-US", "a week ago today", "2026-03-13")]
    [InlineData("en-US", "this morning", "2026-03-20")]
    [InlineData("fr-FR", "ce matin", "2026-03-20")]
    [InlineData("fr-FR", "hier soir", "2026-03-19")]
    [InlineData("en-US", "channels wont load since this morning", "none")]
    [InlineData("en-US", "broken since yesterday", "none")]
    [InlineData("fr-FR", "plus de signal depuis ce matin", "none")]
    [InlineData("fr-FR", "ça coupe depuis hier", "none")]
    [InlineData("fr-FR", "ya 10 jours environ", "approximate")]
    [InlineData("en-US", "about 10 days ago", "approximate")]
    [InlineData("en-US", "last friday around noon", "2026-03-13")]
    // A hedge on something else than the date leaves the date sure; one beside the date hedges it.
    [InlineData("en-US", "i changed my mind about the subscription i took yesterday", "2026-03-19")]
    [InlineData("en-US", "a question about a refund for the plan i bought on the 12th", "2026-03-12")]
    [InlineData("fr-FR", "vers le 12 mars je crois", "approximate")]
    [InlineData("fr-FR", "achat du 12, débité deux fois", "2026-03-12")]
    // A day without a year a few days ahead is a future date to ask about, not last year's (P is 20 March 2026).
    [InlineData("en-US", "started march 25, changed my mind", "future")]
    [InlineData("fr-FR", "le 2 avril", "future")]
    [InlineData("en-US", "december 20", "2025-12-20")]
    [InlineData("fr-FR", "25/03", "future")]
    [InlineData("fr-FR", "commande du 12 mars", "2026-03-12")]
    [InlineData("en-US", "two weeks ago or so", "approximate")]
    [InlineData("fr-FR", "il y a une semaine jour pour jour", "2026-03-13")]
    // A day set aside with "not" beside the one meant (issue 20, seventh round): "pas le 10" was read as the 10th.
    [InlineData("fr-FR", "pas le 10, le 12 mars", "2026-03-12")]
    [InlineData("en-US", "not the 10th, the 12th", "2026-03-12")]
    [InlineData("en-US", "the 12th not the 10th", "2026-03-12")]
    [InlineData("en-US", "no wait, not the 10th, the 12th", "2026-03-12")]
    [InlineData("fr-FR", "pardon, le 12", "2026-03-12")]
    // A correction inside the message: the day after it is the one meant (the first day was kept, and the windows
    // counted from it); a correction that names no day leaves the first.
    [InlineData("en-US", "hi order SD-67001, bought on the 1st, no wait it was the 3rd, service is broken", "2026-03-03")]
    [InlineData("fr-FR", "acheté le 1er, non attends, c'était le 3", "2026-03-03")]
    [InlineData("en-US", "bought on the 1st, actually the app crashes since the 5th", "2026-03-01")]
    [InlineData("fr-FR", "le 1er mars, non pardon le 03.03.2026", "2026-03-03")]
    public void No_wrong_day_is_taken(string culture, string text, string expected) => Check("P", culture, text, expected);

    [Fact]
    public void The_same_words_at_another_moment_are_read_again()
    {
        // The same words at another moment in the customer's zone name another day.
        Check("AK", "en-US", "last Friday", "2026-03-13");
        Check("AK+", "en-US", "last Friday", "2026-03-20");
        Check("AK", "en-US", "last Friday", "2026-03-13");
    }

    internal static void Check(string at, string culture, string text, string expected)
    {
        var (zone, local) = at switch
        {
            "P" => ("Europe/Paris", new DateTime(2026, 3, 20, 10, 0, 0)),
            "NY" => ("America/New_York", new DateTime(2026, 3, 20, 10, 0, 0)),
            "AK" => ("Pacific/Auckland", new DateTime(2026, 3, 20, 23, 30, 0)),
            "AK+" => ("Pacific/Auckland", new DateTime(2026, 3, 21, 0, 30, 0)),
            _ => throw new ArgumentOutOfRangeException(nameof(at)),
        };
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var now = new DateTimeOffset(local, timeZone.GetUtcOffset(local));
        var recognition = Recognizer.Recognize(text, new DateContext(now, timeZone, CultureInfo.GetCultureInfo(culture)));

        var actual = recognition switch
        {
            { Problem: DateProblem.InFuture } => "future",
            { Problem: DateProblem.Period } => "period",
            { Problem: DateProblem.Approximate } => "approximate",
            { Problem: DateProblem.NotFound } => "none",
            { Date: { } date } => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => "?",
        };
        Assert.True(expected == actual, $"\"{text}\" at {at} ({culture}): expected {expected}, got {actual}");
    }
}
