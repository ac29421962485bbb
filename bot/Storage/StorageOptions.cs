namespace RefundBot.Bot.Storage;

/// <summary>Where conversation state and cases are kept ("Storage" configuration section).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// "LiteDb" (default, one file, one instance), "PostgreSql" (shared by several instances) or "Memory" (lost on
    /// restart; for tests and benchmarks).
    /// </summary>
    public string Provider { get; set; } = "LiteDb";

    /// <summary>
    /// The LiteDB file, relative to the content root unless absolute: the bot/ folder under `dotnet run`, else the
    /// bot's own folder when the working directory is not the bot's (<see cref="Hosting.AppFolders"/>).
    /// </summary>
    public string LiteDbPath { get; set; } = "data/refundbot.db";

    /// <summary>
    /// The Npgsql connection string when Provider is PostgreSql, e.g. "Host=db;Database=refundbot;Username=bot;Password=…".
    /// Give it by environment (Storage__PostgreSql) or a secret store, never in a file in the repository.
    /// </summary>
    public string? PostgreSql { get; set; }

    public bool IsPostgreSql => Provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase);
}
