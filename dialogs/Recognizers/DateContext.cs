using System.Globalization;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>When and where the customer is: relative dates resolve against this, never the server's clock.</summary>
public sealed record DateContext(DateTimeOffset Now, TimeZoneInfo TimeZone, CultureInfo Culture)
{
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, TimeZone).DateTime);
}
