namespace RefundBot.Bot.Outbox;

/// <summary>How committed outbox records are carried out ("Outbox" configuration section).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Records carried out at once per destination (a serviceUrl's host, Direct Line, the store).</summary>
    public int ConcurrencyPerDestination { get; set; } = 8;

    /// <summary>How long a connection to a serviceUrl may take to open; one that accepts nothing fails fast.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt at a delivery may take, connection included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts at a delivery answered 429 or 5xx (or timed out) before it becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first retry's delay; each next one doubles, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts, a channel's Retry-After included (a longer one is cut to this).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often records left by an instance that stopped are looked for (zero: only at start-up).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How old a record must be before a sweep takes it as left behind (well above a delivery's retries).</summary>
    public TimeSpan OrphanAge { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Test hook: how long the dispatcher waits before carrying out records committed by a live turn (never set in production).</summary>
    public TimeSpan HoldBeforeDispatch { get; set; } = TimeSpan.Zero;
}
