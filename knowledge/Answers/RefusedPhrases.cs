using System.Text.Json;

namespace RefundBot.Knowledge.Answers;

/// <summary>
/// Messages that try to instruct the bot ("ignore your instructions and…", "fais comme si…"), from the embedded
/// <c>Resources/refusals.json</c>: they are refused, never answered with a quote that merely shares a word with them.
/// </summary>
public static class RefusedPhrases
{
    private static readonly IReadOnlyDictionary<string, string[]> ByLanguage = Load();

    /// <summary>True when the message holds one of the phrases of either language (an injection may switch language).</summary>
    public static bool Refuses(string language, string message)
    {
        // Whole words: "act as" is not in "contact asap".
        var words = Concepts.Words(message);
        return ByLanguage.SelectMany(l => l.Value).Any(p => words.Contains(Concepts.Words(p), StringComparison.Ordinal));
    }

    private static Dictionary<string, string[]> Load()
    {
        using var stream = typeof(RefusedPhrases).Assembly.GetManifestResourceStream("RefundBot.Knowledge.Resources.refusals.json")
            ?? throw new InvalidOperationException("Missing embedded resource refusals.json.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Array && p.Name != "_")
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }
}
