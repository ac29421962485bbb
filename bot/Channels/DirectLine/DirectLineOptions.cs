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

    /// <summary>
    /// How long a conversation may be reached with tokens from its first one: a refresh (or a reconnect) renews a
    /// token but never past this, counted from the first issue; past it the refresh gets 403 and the page starts anew.
    /// Three days: the bot comes back to a conversation up to 48 hours later (Smarters Pro's troubleshooting
    /// follow-up), and a page left open should still show it.
    /// </summary>
    public TimeSpan TokenMaxLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a streamUrl may wait to be opened.</summary>
    public TimeSpan StreamUrlLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The sites that embed Web Chat and call Direct Line from their pages (e.g. "https://shop.example"): the only
    /// origins CORS lets in. Empty: only the bot's own chat page, which is same-origin.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// The most activities one GET of the activity log (or one catch-up message on the stream) carries; the client
    /// asks again from the watermark returned, as DirectLineJS does, so a long log is never read whole at once.
    /// </summary>
    public int ActivitiesPerPage { get; set; } = 100;

    /// <summary>
    /// The most activities a conversation's log keeps (the customer's and the bot's). Past it, the customer's posts are
    /// refused with 409 and a ProblemDetails that asks them to start a new conversation; nothing stored is dropped.
    /// A refund conversation is a few dozen activities.
    /// </summary>
    public int MaxActivitiesPerConversation { get; set; } = 1000;

    /// <summary>
    /// The most bytes an activity a client posts may carry besides its text (channelData, entities, attachments,
    /// value), since it is stored as posted; past it, 413. Web Chat's own are under 2 KB. With the text cut to
    /// RefundBot:MaxMessageLength, this bounds what a conversation's log can hold.
    /// </summary>
    public int MaxActivityDataSize { get; set; } = 16 * 1024;

    /// <summary>
    /// A conversation with no activity for this long is removed by the retention job (its record and activity log;
    /// later requests get 404), unless a person has it or a case waits on its follow-up. Keep it at least
    /// <see cref="TokenMaxLifetime"/>: then every token of a conversation has expired before it is removed (their
    /// lifetime counts from the first token, which came before the last activity). Zero keeps idle conversations.
    /// </summary>
    public TimeSpan IdleConversationLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// How many conversations an instance remembers the last sequence and recent client activity ids of, per
    /// generation (so at most twice this many): the conversations going on now. A forgotten one is counted again from
    /// the store, through its index, on its next post; so memory stays bounded however many conversations the store holds.
    /// </summary>
    public int ConversationsRemembered { get; set; } = 10_000;

    /// <summary>
    /// How long an instance trusts its memory that a conversation exists, before it reads its record again: each
    /// request with a token checks it, without a store read while this holds. A conversation removed by this instance
    /// is refused at once; one removed by another instance, within this time (removal waits for every token of the
    /// conversation to have expired anyway, see <see cref="IdleConversationLifetime"/>).
    /// </summary>
    public TimeSpan RecordCacheLifetime { get; set; } = TimeSpan.FromSeconds(30);
}
