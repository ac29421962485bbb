namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// English or French from the words of a message, for a first message that came without a locale: common function
/// words and refund vocabulary of each language, and French accents. Deterministic; null when it cannot tell.
/// </summary>
internal static class LanguageDetector
{
    private static readonly char[] WordSeparators = [' ', '\'', ',', '.', '!', '?', ';', ':', '-'];
    private static readonly HashSet<string> French =
    [
        "je", "j", "le", "la", "les", "un", "une", "des", "du", "de", "est", "et", "pour", "pas", "ne", "mon", "ma", "mes", "vous",
        "bonjour", "merci", "commande", "remboursement", "rembourser", "achete", "il", "y", "ca", "c", "qu", "que", "avec", "hier",
        "marche", "fonctionne", "pourquoi", "comment", "quand", "combien", "svp", "voudrais", "veux", "suis", "ai", "mais", "aussi",
    ];

    private static readonly HashSet<string> English =
    [
        "i", "the", "a", "an", "is", "and", "for", "not", "my", "you", "hello", "hi", "thanks", "thank", "order", "refund", "bought",
        "it", "was", "with", "please", "yesterday", "doesn", "don", "work", "working", "why", "how", "when", "what", "want", "would",
        "am", "have", "but", "also", "t", "s",
    ];

    public static string? Detect(string text)
    {
        var lower = text.ToLowerInvariant();
        var accents = lower.Count(c => "éèêàâçùûîôëï".Contains(c));
        var words = TextNormalizer.Fold(lower).Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);
        var french = words.Count(French.Contains) + accents;
        var english = words.Count(English.Contains);
        return french >= english + 1 ? "fr" : english >= french + 1 ? "en" : null;
    }
}
