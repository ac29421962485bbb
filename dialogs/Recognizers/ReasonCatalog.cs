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
    public IReadOnlyList<ReasonCategory> Categories(TurnContext turn) => policies.PolicyOf(turn).Reasons;

    /// <summary>The category the text names or points to, or null when nothing in it does.</summary>
    public ReasonCategory? Match(TurnContext turn, string text)
    {
        var folded = TextNormalizer.Fold(text);
        var categories = Categories(turn);
        return categories.FirstOrDefault(c => c.Title.Values.Any(t => TextNormalizer.Fold(t) == folded))
            ?? categories.FirstOrDefault(c => c.Keywords.Values.SelectMany(k => k)
                .Any(k => TextNormalizer.ContainsPhrase(folded, TextNormalizer.Fold(k))));
    }

    public ReasonCategory Find(TurnContext turn, string id) => Categories(turn).First(c => c.Id == id);
}
