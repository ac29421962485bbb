namespace RefundBot.Bot.Channels.DirectLine;

/// <summary>The bot's own Direct Line 3.0 service ("DirectLine" configuration section).</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>
    /// The secret that sites exchange for tokens (server side only). Empty: one is generated on first start and kept
    /// in the bot's store, so tokens survive a restart.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long a conversation token lives (Microsoft's service uses 30 minutes).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a streamUrl may wait to be opened.</summary>
    public TimeSpan StreamUrlLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The sites that embed Web Chat and call Direct Line from their pages (e.g. "https://shop.example"): the only
    /// origins CORS lets in. Empty: only the bot's own chat page, which is same-origin.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
