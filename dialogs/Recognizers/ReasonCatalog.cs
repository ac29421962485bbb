using System.Text.Json;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>A reason category, its title per language, and the words that point to it per language.</summary>
public sealed record ReasonCategory(
    string Id,
    IReadOnlyDictionary<string, string> Titles,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Keywords)
{
    public string Title(string language) => Titles.GetValueOrDefault(language) ?? Titles[BotTexts.DefaultLanguage];
}

/// <summary>
/// Maps a customer's free-text reason to a category: by its title, else by keywords in either language.
/// The last category ("other") is the fallback and has no keywords.
/// </summary>
public sealed class ReasonCatalog(IReadOnlyList<ReasonCategory> categories)
{
    public const string Other = "other";

    public IReadOnlyList<ReasonCategory> Categories { get; } = categories;

    public static ReasonCatalog LoadEmbedded()
    {
        using var stream = typeof(ReasonCatalog).Assembly.GetManifestResourceStream("RefundBot.Dialogs.Resources.reasons.json")
            ?? throw new InvalidOperationException("Missing embedded resource reasons.json.");
        var categories = JsonSerializer.Deserialize<List<ReasonCategory>>(stream, ActivityJson.Options)
            ?? throw new InvalidOperationException("Empty reasons.json.");
        return new ReasonCatalog(categories);
    }

    /// <summary>The category the text names or points to, or null when nothing in it does.</summary>
    public ReasonCategory? Match(string text)
    {
        var folded = TextNormalizer.Fold(text);
        return Categories.FirstOrDefault(c => c.Titles.Values.Any(t => TextNormalizer.Fold(t) == folded))
            ?? Categories.FirstOrDefault(c => c.Keywords.Values.SelectMany(k => k)
                .Any(k => TextNormalizer.ContainsPhrase(folded, TextNormalizer.Fold(k))));
    }

    public ReasonCategory Find(string id) => Categories.First(c => c.Id == id);
}
