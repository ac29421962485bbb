using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Maps a customer's free-text reason to one of the conversation's policy's reason categories
/// (<c>policy-content/{id}/reasons.yaml</c>): by a category's title (a button clicked), else by its keywords in either
/// language, as <see cref="ReasonMatcher"/> reads them (stems, missing apostrophes, one typo, negations). The last
/// category, "other", has no keywords and is the fallback.
/// </summary>
internal sealed class ReasonCatalog(PolicySelector policies)
{
    /// <summary>Each policy's matcher and folded titles, built once (policies do not change while running).</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<ReasonCategory>, Matchers> _matchers = [];

    public IReadOnlyList<ReasonCategory> Categories(TurnContext turn) => policies.PolicyOf(turn).Reasons;

    /// <summary>The category the text names or points to, with the words that name it, or null when nothing in it does.</summary>
    public ReasonMatch? Match(TurnContext turn, string text)
    {
        var categories = Categories(turn);
        var matchers = _matchers.GetValue(categories, c => new Matchers(
            c.Select(category => (category, category.Title.Values.Select(TextNormalizer.Fold).ToHashSet(StringComparer.Ordinal))).ToList(),
            new ReasonMatcher(c)));
        var folded = TextNormalizer.Fold(text);
        return matchers.Titles.FirstOrDefault(t => t.Titles.Contains(folded)) is { Category: { } titled }
            ? new ReasonMatch(titled, text.Trim())
            : matchers.Keywords.Match(text);
    }

    private sealed record Matchers(List<(ReasonCategory Category, HashSet<string> Titles)> Titles, ReasonMatcher Keywords);

    public ReasonCategory Find(TurnContext turn, string id) => Categories(turn).First(c => c.Id == id);
}
