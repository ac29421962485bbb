namespace RefundBot.Bot.Storage;

/// <summary>Where conversation state and cases are kept ("Storage" configuration section).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"LiteDb" (default, one file) or "Memory" (lost on restart; for tests and benchmarks).</summary>
    public string Provider { get; set; } = "LiteDb";

    /// <summary>The LiteDB file, relative to the content root (the bot/ folder under `dotnet run`) unless absolute.</summary>
    public string LiteDbPath { get; set; } = "data/refundbot.db";
}
