using System.Text;
using RefundBot.Dialogs.Recognizers;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// An answer cut into folded words, each with its clause, so that a negation is read only where it applies:
/// in "it's not fixed" the "not" governs "fixed", in "no, fixed now" the comma and in "tried it but it works" the
/// "but" end its reach. Apostrophes are dropped from each word's key, since customers drop them too ("doesnt", "cest").
/// </summary>
internal sealed class AnswerText
{
    private static readonly HashSet<string> ContrastWords = [.. AnswerWords.Of(AnswerWords.Contrast).Select(KeyOf)];

    /// <summary>French elided words, when an answer writes them apart: "c est" is read "c'est".</summary>
    private static readonly HashSet<string> Elisions = ["c", "j", "l", "n", "d", "s", "m", "t", "qu"];

    /// <summary>A folded word ("n'est"), its key without apostrophes ("nest"), and the number of its clause.</summary>
    public readonly record struct Word(string Text, string Key, int Clause);

    private AnswerText(IReadOnlyList<Word> words, bool isQuestion)
    {
        Words = words;
        IsQuestion = isQuestion;
    }

    public IReadOnlyList<Word> Words { get; }

    /// <summary>
    /// True when <see cref="QuestionFinder"/> finds a question, the one detector the policy answers use too: by its form
    /// ("do you refund the installation fee", "vous remboursez si …"), or by a "?" closing three words or more ("the
    /// 15th I think?"; "what?? no" is an exclamation, "fixed?" a hedged answer).
    /// </summary>
    public bool IsQuestion { get; }

    /// <summary>The keys of all the words, space-separated: what a whole-message comparison uses.</summary>
    public string Joined => string.Join(' ', Words.Select(w => w.Key));

    public static AnswerText Read(string text)
    {
        var words = new List<Word>();
        var clause = 0;
        foreach (var part in Clauses(text))
        {
            var start = words.Count;
            foreach (var raw in TextNormalizer.Fold(part).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var word = WordOf(raw);
                if (word.Length == 0)
                {
                    continue;
                }

                if (ContrastWords.Contains(KeyOf(word)))
                {
                    clause++;
                    continue;
                }

                if (words.Count > start && words[^1].Clause == clause && Elisions.Contains(words[^1].Key))
                {
                    // "c est", "j ai", "n a": the apostrophe typed as a space.
                    var elided = words[^1];
                    words[^1] = new Word($"{elided.Text}'{word}", elided.Key + KeyOf(word), clause);
                    continue;
                }

                words.Add(new Word(word, KeyOf(word), clause));
            }

            clause++;
        }

        return new AnswerText(words, Asks(text));
    }

    /// <summary>The keys of a phrase's words ("doesn't work" → ["doesnt", "work"]).</summary>
    public static string[] Keys(string phrase) => [.. Read(phrase).Words.Select(w => w.Key)];

    /// <summary>A question by its form, or by a "?" that closes more than a word or two (which may be a hedged answer).</summary>
    private static bool Asks(string text) =>
        QuestionFinder.Find(text) is { } asked
        && (!asked.ByMarkOnly || asked.Questions.Any(q => q.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinimumMarkedQuestionWords));

    private const int MinimumMarkedQuestionWords = 3;

    private static string KeyOf(string word) => word.Replace("'", "", StringComparison.Ordinal);

    /// <summary>Letters, digits and inner apostrophes; anything else (a hyphen, a slash) separates words.</summary>
    private static string WordOf(string raw)
    {
        var kept = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            kept.Append(char.IsLetterOrDigit(c) || c == '\'' ? c : ' ');
        }

        return string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('\'')));
    }

    /// <summary>The text split at sentence punctuation and at dashes set apart by spaces.</summary>
    private static IEnumerable<string> Clauses(string text)
    {
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsBoundary(text, i))
            {
                current.Append(c);
                continue;
            }

            yield return current.ToString();
            current.Clear();
        }

        yield return current.ToString();
    }

    private static bool IsBoundary(string text, int i) => text[i] switch
    {
        '.' or ',' or ';' or ':' or '!' or '?' or '？' or '(' or ')' or '[' or ']' or '"' or '«' or '»' or '…' or '\n' => true,
        '-' or '–' or '—' => i == 0 || i == text.Length - 1 || char.IsWhiteSpace(text[i - 1]) || char.IsWhiteSpace(text[i + 1]),
        _ => false,
    };
}
