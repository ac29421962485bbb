using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Maps a customer's free-text reason to one of the conversation's policy's reason categories
/// (<c>policy-content/{id}/reasons.yaml</c>): by a category's title, else by its keywords in either language (whole
/// words, case and accents ignored). The last category, "other", has no keywords and is the fallback.
/// </summary>
public sealed class ReasonCatalog(PolicySelector policies)
{
    /// <summary>Each category's titles and keywords, folded once per category (policies do not change while running).</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ReasonCategory, FoldedCategory> _folded = [];

    public IReadOnlyList<ReasonCategory> Categories(TurnContext turn) => policies.PolicyOf(turn).Reasons;

    /// <summary>The category the text names or points to, or null when nothing in it does.</summary>
    public ReasonCategory? Match(TurnContext turn, string text)
    {
        var folded = TextNormalizer.Fold(text);
        var categories = Categories(turn);
        return categories.FirstOrDefault(c => Folded(c).Titles.Contains(folded))
            ?? categories.FirstOrDefault(c => Folded(c).Keywords.Any(k => TextNormalizer.ContainsPhrase(folded, k)));
    }

    private FoldedCategory Folded(ReasonCategory category) => _folded.GetValue(category, c => new FoldedCategory(
        c.Title.Values.Select(TextNormalizer.Fold).ToHashSet(StringComparer.Ordinal),
        c.Keywords.Values.SelectMany(k => k).Select(TextNormalizer.Fold).ToList()));

    private sealed record FoldedCategory(HashSet<string> Titles, List<string> Keywords);

    public ReasonCategory Find(TurnContext turn, string id) => Categories(turn).First(c => c.Id == id);
}
