using System.Text.RegularExpressions;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Finds the questions inside a message, in English or French, so that "oui j'ai gardé le carton. au fait qui paie
/// les frais de retour ?" is both an answer ("oui j'ai gardé le carton") and a question ("qui paie les frais de
/// retour ?"), and "before i say yes - do i need a receipt?" is a question and never a "yes". Deterministic: the
/// message is cut into sentences (and before "btw" / "au fait"), and a sentence asks when it ends with a question mark,
/// starts with a question form (once lead-ins such as "wait", "and", "before I confirm -" are set aside), holds a French
/// inversion ("puis-je", "rembourse-t-on") or an indirect question ("I'd like to know", "je voudrais savoir").
/// </summary>
public static partial class QuestionFinder
{
    /// <summary>Words that open a question in English only when a subject follows: "do you", "is the refund", not "does not work".</summary>
    private static readonly HashSet<string> Auxiliaries =
    [
        "do", "does", "did", "is", "are", "was", "were", "can", "could", "will", "would", "should", "shall", "may", "might", "must",
        "have", "has", "am", "isnt", "isn't", "dont", "don't", "doesnt", "doesn't", "cant", "can't", "wont", "won't",
    ];

    private static readonly HashSet<string> Subjects =
    [
        "i", "you", "we", "they", "it", "he", "she", "the", "my", "this", "that", "there", "your", "a", "an", "u", "ya", "these", "those", "me",
    ];

    /// <summary>Question words that open a question when an auxiliary follows ("when will", "what is"), or whatever follows ("whats", "how long").</summary>
    private static readonly HashSet<string> WhWords = ["what", "when", "where", "which", "whom", "whose"];

    private static readonly HashSet<string> AlwaysAsking =
    [
        "whats", "what's", "hows", "how's", "whens", "when's", "wheres", "where's", "whos", "who's", "how", "who", "why",
        "combien", "comment", "pourquoi", "quel", "quelle", "quels", "quelles", "qui", "qu'est-ce", "est-ce", "lequel", "laquelle",
    ];

    /// <summary>Words a sentence may start with before its question: "and will I get an email?", "au fait qui paie ?".</summary>
    private static readonly HashSet<string> LeadIns =
    [
        "and", "also", "oh", "so", "ok", "okay", "wait", "btw", "sorry", "hmm", "um", "well", "but", "then", "quick", "question", "one", "more",
        "et", "aussi", "alors", "donc", "attends", "attendez", "desole", "desolee", "pardon", "mais", "bon", "euh", "une", "petite", "question",
        "au", "fait", "passage", "d'ailleurs", "hold", "on", "juste", "just", "-", "–", "—", ":",
    ];

    private static readonly string[] IndirectQuestions =
    [
        "i want to know", "i'd like to know", "id like to know", "i would like to know", "i wonder", "i was wondering", "i need to know",
        "can you tell me", "could you tell me", "tell me if", "je voudrais savoir", "j'aimerais savoir", "je me demande", "je veux savoir",
        "pouvez-vous me dire", "pourriez-vous me dire", "dites-moi si", "savez-vous",
    ];

    /// <summary>The questions the message asks and what else it says (empty when it only asks); null when it asks nothing.</summary>
    public static AskedQuestions? Find(string text)
    {
        var questions = new List<string>();
        var rest = new List<string>();
        var markOnly = true;
        foreach (var sentence in Sentences(text))
        {
            if (Question(sentence, out var byMarkOnly) is { } question)
            {
                questions.Add(question);
                markOnly &= byMarkOnly;
            }
            else
            {
                rest.Add(sentence);
            }
        }

        return questions.Count == 0 ? null : new AskedQuestions(questions, string.Join(" ", rest).Trim(), markOnly);
    }

    /// <summary>True when the message asks something.</summary>
    public static bool Asks(string text) => Find(text) is not null;

    /// <summary>The question a sentence asks, without its lead-in ("wait before i confirm - "), or null.</summary>
    private static string? Question(string sentence, out bool byMarkOnly)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var folded = words.Select(TextNormalizer.Fold).ToArray();
        var endsWithMark = sentence.TrimEnd().EndsWith('?');
        var start = StartOfQuestion(folded);
        byMarkOnly = start is null;
        if (start is null && endsWithMark && folded.Count(w => w.Length > 0) >= 2)
        {
            start = AfterBeforeClause(words, folded, SkipLeadIns(folded, 0));
        }

        return start is { } at ? string.Join(' ', words[Math.Min(at, words.Length - 1)..]) : null;
    }

    /// <summary>The index of the word where a question form starts (after lead-ins, or after a "before I …" clause), or null.</summary>
    private static int? StartOfQuestion(string[] words)
    {
        var joined = string.Join(' ', words);
        if (InversionPattern().IsMatch(joined) || IndirectQuestions.Any(p => TextNormalizer.ContainsPhrase(joined, p)))
        {
            return SkipLeadIns(words, 0);
        }

        var first = SkipLeadIns(words, 0);
        if (first < words.Length && words[first] is "before" or "avant")
        {
            // "before i say yes - do i need a receipt", "avant de confirmer, est-ce que ...": the question follows the clause.
            for (var at = first + 1; at < words.Length; at++)
            {
                if (AsksFrom(words, at))
                {
                    return at;
                }
            }

            return null;
        }

        return AsksFrom(words, first) ? first : null;
    }

    /// <summary>"avant de confirmer - vous remboursez … ?": the question starts after the clause's comma, colon or dash.</summary>
    private static int AfterBeforeClause(string[] raw, string[] words, int at)
    {
        if (at >= words.Length || words[at] is not ("before" or "avant"))
        {
            return at;
        }

        for (var end = at + 1; end < words.Length - 1; end++)
        {
            if (words[end] is "-" or "–" or "—" or ":")
            {
                return end + 1;
            }

            if (raw[end].EndsWith(',') || raw[end].EndsWith(':'))
            {
                return end + 1;
            }
        }

        return at;
    }

    private static bool AsksFrom(string[] words, int at)
    {
        if (at >= words.Length || words.Length - at < 2)
        {
            return false;
        }

        var word = words[at].TrimEnd(',', ':', '-');
        var next = words[at + 1];
        return AlwaysAsking.Contains(word)
            || (word == "est" && next.StartsWith("ce", StringComparison.Ordinal))
            || (WhWords.Contains(word) && (Auxiliaries.Contains(next) || next is "about"))
            || (Auxiliaries.Contains(word) && Subjects.Contains(next));
    }

    private static int SkipLeadIns(string[] words, int at)
    {
        while (at < words.Length - 1)
        {
            if (words[at] == "by" && at + 2 < words.Length && words[at + 1] == "the" && words[at + 2].StartsWith("way", StringComparison.Ordinal))
            {
                at += 3;
            }
            else if (LeadIns.Contains(words[at].TrimEnd(',', ':', '-')) || words[at].Length == 0)
            {
                at++;
            }
            else
            {
                break;
            }
        }

        return at;
    }

    /// <summary>Sentences: cut after . ! ? … and line breaks, and before "btw", "by the way", "au fait", "au passage".</summary>
    private static IEnumerable<string> Sentences(string text) =>
        SentenceBreak().Split(text)
            .Select(s => s.Trim())
            .Where(s => s.Length > 0);

    /// <summary>A French inversion: a verb joined to its subject pronoun ("puis-je", "faut-il", "rembourse-t-on", "avez-vous").</summary>
    [GeneratedRegex(@"\b(?!rendez-vous\b)\w+-(?:t-)?(?:je|tu|il|elle|on|nous|vous|ils|elles)\b", RegexOptions.CultureInvariant)]
    private static partial Regex InversionPattern();

    [GeneratedRegex(@"(?<=[.!?…])\s+|\n+|\s+(?=(?:btw|by the way|au fait|au passage)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();
}

/// <summary>The questions a message asks, each without its lead-in, and the rest of the message (possibly an answer).</summary>
/// <param name="ByMarkOnly">
/// Every question is one only by its question mark, with no question form ("the 15th I think?"): possibly a hedged
/// answer rather than a question about the policy.
/// </param>
public sealed record AskedQuestions(IReadOnlyList<string> Questions, string Rest, bool ByMarkOnly = false);
