using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefundBot.Dialogs.Tests.Understanding;

/// <summary>
/// One line of the understanding corpus (dev.jsonl, test.jsonl): what a customer typed at a prompt of one kind, and what
/// the bot must take from it. <see cref="Expect"/> is a string ("NX-3001", "2026-11-24", "72", "49.90", "yes", a choice or
/// category id, "ask", "question") or, for a first message, an object of the intake facts it gives.
/// </summary>
public sealed record CorpusUtterance
{
    public required string Id { get; init; }
    public required string Lang { get; init; }
    public required string Kind { get; init; }
    public required string Policy { get; init; }
    public string? Fact { get; init; }
    public required string Text { get; init; }
    public required JsonElement Expect { get; init; }

    /// <summary>For a question that also answers its prompt: the answer, in the form of its kind.</summary>
    public JsonElement? Value { get; init; }

    public override string ToString() => Id;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>The utterances of a JSON Lines file (blank lines skipped).</summary>
    public static IReadOnlyList<CorpusUtterance> Load(string path) =>
    [
        .. File.ReadLines(path)
            .Where(line => line.Trim().Length > 0)
            .Select(line => JsonSerializer.Deserialize<CorpusUtterance>(line, Json)
                ?? throw new InvalidDataException($"{path}: an empty line object")),
    ];

    /// <summary>The corpus folder beside the running assembly (copied there by the test project).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Understanding");
}
