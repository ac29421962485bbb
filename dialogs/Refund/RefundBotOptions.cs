namespace RefundBot.Dialogs.Refund;

/// <summary>The conversation's settings, bound from the "RefundBot" configuration section.</summary>
public sealed class RefundBotOptions
{
    public const string Section = "RefundBot";

    /// <summary>A regular expression for order IDs (matched as a whole token, case ignored).</summary>
    public string OrderIdPattern { get; set; } = @"[A-Z]{1,4}(?:-|_| ?[-–] ?)?\d{3,10}";

    /// <summary>
    /// How the letters and digits of an order ID are joined once found ("ms1001", "nx_3002", "SP - 5002" are "MS-1001",
    /// "NX-3002", "SP-5002"), as the order records write them; empty: kept as written.
    /// </summary>
    public string OrderIdSeparator { get; set; } = "-";

    /// <summary>
    /// Order IDs typed with a space for the dash ("sd 2002"), found only when no ID matches <see cref="OrderIdPattern"/>
    /// and the letters are not a short word (Resources/orderids.json: "in 2026" is no order); empty: not read.
    /// </summary>
    public string OrderIdSpacedPattern { get; set; } = @"[A-Z]{2} \d{4}";

    /// <summary>The longest message the bot reads; longer ones get a polite request to shorten them.</summary>
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>The largest file a customer may send, as the bot tells them (the host sets it from Attachments:MaxBytes).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The IANA time zone assumed when the channel does not report the customer's.</summary>
    public string DefaultTimeZone { get; set; } = "Europe/Paris";
}
