using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>A reason's category and the customer's own words that name it (the part of the message where it was found).</summary>
internal sealed record ReasonMatch(ReasonCategory Category, string Words);

/// <summary>
/// Matches a customer's free-text reason to the policy's reason categories by their keywords (reasons.yaml), as
/// customers write: words are compared by their Snowball stem in the keyword's language (Lucene.Net's English and
/// French stemmers: "crashing" is "crash", "cassée" is "cassé"), apostrophes may be missing ("doesnt", "cest"), a
/// French elision is set aside ("l'appli" is "appli"), and a word of six letters or more may have one typo (a letter
/// missing, extra, two swapped, or wrong by a neighbouring key: "brokne", "defectueux"; "booked" is not "borked"), and in a keyword of several words a word of four letters
/// or more may have two neighbouring letters swapped ("chnaged my mnid", "dosent wrok"). A keyword negated in its clause ("not broken") does not
/// count, unless the keyword is itself negative ("doesn't work"). Where mentions overlap the longest wins ("par erreur"
/// over "erreur"); mentions of two categories tell neither, unless one category is named more often or, named as often,
/// the reason mentions one's things more ("the licence is broken and i was charged twice"). A category's things
/// (reasons.yaml <c>things</c>: "technician", "router") never name it alone. A clause after "it's not that" / "ce
/// n'est pas que" is set aside, even a negative keyword in it. Determiners are not told apart ("erreur sur ma facture"
/// is the keyword "erreur sur la facture"). A word's short form is the word ("your tech made a mistake" is "technician
/// made a mistake"; answers.json <c>shortForms</c>). Pure: no I/O.
/// </summary>
internal sealed class ReasonMatcher
{
    /// <summary>How many words before a keyword a negation reaches ("not really broken": two).</summary>
    private const int NegationReach = 3;

    /// <summary>
    /// A stem this short tells too few words apart: a keyword with one matches by its stem only a word that begins with
    /// the whole keyword ("bugs" for "bug"), not one that shortens it ("ram", a memory, is not "rame", it lags).
    /// </summary>
    private const int ShortStem = 3;

    /// <summary>Words at least this long may differ from a keyword's by one edit.</summary>
    private const int TypoMinimumLength = 6;

    private static readonly HashSet<string> Negations =
        [.. AnswerWords.Of(AnswerWords.Negation).Select(w => AnswerText.Keys(w)).Where(k => k.Length == 1).Select(k => k[0]), "no", "plus"];

    /// <summary>
    /// Determiners, which a keyword's words do not tell apart: "erreur sur la facture" is "erreur sur ma facture",
    /// "took the money" "took my money" (a keyword names a complaint, not whose thing it is about).
    /// </summary>
    private static readonly HashSet<string> Determiners =
        ["the", "my", "your", "our", "their", "his", "her", "le", "la", "les", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "votre", "vos", "notre", "nos", "leur", "leurs"];

    /// <summary>Short forms and the words they stand for, in either language ("tech": "technician", "technicien").</summary>
    private static readonly HashSet<(string Short, string Word)> ShortForms =
        [.. AnswerWords.Of(AnswerWords.ShortForms).Select(AnswerText.Keys).Where(k => k.Length == 2).Select(k => (k[0], k[1]))];

    /// <summary>French elided words: "l'appli", "c'est", "n'marche" (the last a negation).</summary>
    private static readonly HashSet<string> Elisions = ["c", "j", "l", "n", "d", "s", "m", "t", "qu"];

    private readonly IReadOnlyList<(ReasonCategory Category, List<Token[]> Keywords, List<Token[]> Things)> _categories;

    public ReasonMatcher(IReadOnlyList<ReasonCategory> categories)
    {
        _categories = [.. categories.Select(c => (c, Phrases(c.Keywords), Phrases(c.Things)))];
    }

    private static List<Token[]> Phrases(Dictionary<string, List<string>> byLanguage) =>
        [.. byLanguage.SelectMany(k => k.Value.Select(phrase => Tokens(phrase, k.Key))).Where(t => t.Length > 0)];

    /// <summary>The category the reason names, with the words that name it; null when no category, or two, are named.</summary>
    public ReasonMatch? Match(string text)
    {
        var mentions = new List<(ReasonCategory Category, int Segment, int Start, int Length)>();
        var thingMentions = new List<ReasonCategory>();
        var segments = Segments(text).ToList();
        for (var s = 0; s < segments.Count; s++)
        {
            var words = Tokens(segments[s], language: null);
            foreach (var (category, keywords, things) in _categories)
            {
                foreach (var keyword in keywords)
                {
                    mentions.AddRange(Find(words, keyword).Select(at => (category, s, at, keyword.Length)));
                }

                foreach (var thing in things)
                {
                    thingMentions.AddRange(Find(words, thing).Select(_ => category));
                }
            }
        }

        var kept = new List<(ReasonCategory Category, int Segment, int Start, int Length)>();
        foreach (var mention in mentions.OrderByDescending(m => m.Length))
        {
            if (!kept.Any(k => k.Segment == mention.Segment && mention.Start < k.Start + k.Length && k.Start < mention.Start + mention.Length))
            {
                kept.Add(mention);
            }
        }

        var named = kept.GroupBy(m => m.Category).Select(g => (Category: g.Key, Count: g.Count(), First: g.Min(m => m.Segment))).OrderByDescending(g => g.Count).ToList();
        return named switch
        {
            [] => null,
            [var one] => new ReasonMatch(one.Category, segments[one.First]),
            [var first, var second, ..] when first.Count > second.Count => new ReasonMatch(first.Category, segments[first.First]),
            _ => TieBrokenByThings(named.Where(n => n.Count == named[0].Count).ToList(), thingMentions, segments),
        };
    }

    /// <summary>Of categories named as often, the one whose things the reason mentions more than any other's; else none.</summary>
    private static ReasonMatch? TieBrokenByThings(
        List<(ReasonCategory Category, int Count, int First)> tied, List<ReasonCategory> things, List<string> segments)
    {
        var byThings = tied.Select(t => (Tied: t, Things: things.Count(c => c == t.Category))).OrderByDescending(t => t.Things).ToList();
        return byThings[0].Things > byThings[1].Things ? new ReasonMatch(byThings[0].Tied.Category, segments[byThings[0].Tied.First]) : null;
    }

    /// <summary>Where the keyword's words occur in a row, not negated (a keyword with a negation of its own, "doesn't work", "ne charge pas", is never negated again).</summary>
    private static IEnumerable<int> Find(Token[] words, Token[] keyword)
    {
        for (var at = 0; at + keyword.Length <= words.Length; at++)
        {
            var all = true;
            for (var i = 0; all && i < keyword.Length; i++)
            {
                all = Same(keyword[i], words[at + i]) || (keyword.Length > 1 && (Swapped(keyword[i].Key, words[at + i].Key) || LastLetterMissing(keyword[i].Key, words[at + i].Key)));
            }

            if (all && !SetAsideByNotThat(words, at) && (keyword.Any(t => t.Negation) || !Negated(words, at)))
            {
                yield return at;
            }
        }

        // A keyword of two words without a negation may be written the other way round, a few words apart in one clause:
        // "poor quality" is "the quality is really poor", "mauvaise qualité" "la qualité est vraiment mauvaise".
        if (keyword is [var first, var second] && !first.Negation && !second.Negation)
        {
            for (var at = 0; at < words.Length; at++)
            {
                if (!Same(second, words[at]))
                {
                    continue;
                }

                for (var then = at + 1; then < words.Length && then <= at + 1 + ReversedGap && words[then].Clause == words[at].Clause; then++)
                {
                    if (Same(first, words[then]) && !Negated(words, at) && !Negated(words, then))
                    {
                        yield return at;
                    }
                }
            }
        }
    }

    /// <summary>How many words may stand between the two words of a keyword written the other way round.</summary>
    private const int ReversedGap = 2;

    /// <summary>
    /// True when a word of four letters or more, inside a keyword of several words, lost its last letter ("marche plu",
    /// "changé d'avi"): the commonest slip after a swap, and in such a keyword too unlikely to be another word.
    /// </summary>
    private static bool LastLetterMissing(string keyword, string word) =>
        keyword.Length >= SwapMinimumLength && word.Length == keyword.Length - 1 && keyword.StartsWith(word, StringComparison.Ordinal);

    /// <summary>
    /// True when the words stand in a clause set aside by "it's not that…" / "ce n'est pas que…" (a negation then
    /// "that"/"que"): "its not that it doesnt work, i just dont need it" names no technical problem, even though
    /// "doesn't work" is negative itself; the rest of the message is still read.
    /// </summary>
    private static bool SetAsideByNotThat(Token[] words, int start)
    {
        for (var at = start - 1; at > 0 && words[at].Clause == words[start].Clause; at--)
        {
            if ((NotThat.Contains(words[at].Key) || (words[at].Whole != words[at].Key && words[at].Whole.StartsWith("qu", StringComparison.Ordinal)))
                && words[at - 1].Negation && words[at - 1].Clause == words[start].Clause)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The words that, after a negation, set aside what follows: "not that", "pas que", "pas qu'il".</summary>
    private static readonly HashSet<string> NotThat = ["that", "que", "qu"];

    private static bool Negated(Token[] words, int start)
    {
        for (var at = start - 1; at >= 0 && at >= start - NegationReach && words[at].Clause == words[start].Clause; at--)
        {
            if (words[at].Negation)
            {
                return true;
            }
        }

        return words[start].NegatedByElision;
    }

    private static bool Same(Token keyword, Token word) =>
        keyword.Key == word.Key
        || (Determiners.Contains(keyword.Key) && Determiners.Contains(word.Key))
        || keyword.Whole == word.Whole
        || ShortForms.Contains((word.Key, keyword.Key))
        || (keyword.Language is { } language && keyword.Stem == (language == "fr" ? word.FrenchStem : word.EnglishStem)
            && (keyword.Stem.Length > ShortStem || word.Key.StartsWith(keyword.Key, StringComparison.Ordinal)))
        || (keyword.Key.Length >= TypoMinimumLength && word.Key.Length >= TypoMinimumLength - 1 && WithinOneEdit(keyword.Key, word.Key));

    /// <summary>
    /// True when two neighbouring letters of a word of four letters or more are swapped ("mnid", "wrok"): the commonest
    /// slip in a chat, and in a keyword of several words ("changed my mind", "doesn't work") too unlikely to be another word.
    /// </summary>
    private static bool Swapped(string keyword, string word)
    {
        if (keyword.Length < SwapMinimumLength || keyword.Length != word.Length || keyword == word)
        {
            return false;
        }

        var at = 0;
        while (keyword[at] == word[at])
        {
            at++;
        }

        return at + 1 < keyword.Length && keyword[at] == word[at + 1] && keyword[at + 1] == word[at] && keyword[(at + 2)..] == word[(at + 2)..];
    }

    /// <summary>Words at least this long, inside a keyword of several words, may have two neighbouring letters swapped.</summary>
    private const int SwapMinimumLength = 4;

    /// <summary>True when one insertion, deletion, substitution or swap of two neighbours turns one word into the other.</summary>
    private static bool WithinOneEdit(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        if (prefix == a.Length && prefix == b.Length)
        {
            return true;
        }

        var restA = a[(prefix + (a.Length >= b.Length ? 1 : 0))..];
        var restB = b[(prefix + (b.Length >= a.Length ? 1 : 0))..];
        return (restA == restB && (a.Length != b.Length || Neighbours(a[prefix], b[prefix])))
            || (a.Length == b.Length && prefix + 1 < a.Length && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix] && a[(prefix + 2)..] == b[(prefix + 2)..]);
    }

    /// <summary>Keyboard rows, QWERTY and AZERTY: a wrong letter is a slip of the finger only onto a neighbouring key.</summary>
    private static readonly string[][] Keyboards = [["qwertyuiop", "asdfghjkl", "zxcvbnm"], ["azertyuiop", "qsdfghjklm", "wxcvbn"]];

    /// <summary>
    /// True when two letters are neighbouring keys on either keyboard: "brokne" and "defectuex" are typos of their
    /// keywords, but "booked" is a word of its own, not "borked" with an "r" mistyped.
    /// </summary>
    private static bool Neighbours(char a, char b) =>
        Keyboards.Any(rows => KeyAt(rows, a) is var (rowA, columnA) && KeyAt(rows, b) is var (rowB, columnB)
            && rowA >= 0 && rowB >= 0 && Math.Abs(rowA - rowB) <= 1 && Math.Abs(columnA - columnB) <= 1);

    private static (int Row, int Column) KeyAt(string[] rows, char letter)
    {
        for (var row = 0; row < rows.Length; row++)
        {
            if (rows[row].IndexOf(letter, StringComparison.Ordinal) is var column and >= 0)
            {
                return (row, column);
            }
        }

        return (-1, -1);
    }

    /// <summary>
    /// A word of the reason or of a keyword: its key (folded, no apostrophes, without an elision), the whole word without
    /// apostrophes ("davis" for "d'avis", as customers type it), its stems, and whether it negates.
    /// </summary>
    private sealed record Token(string Key, string Whole, string? Language, string Stem, string EnglishStem, string FrenchStem, int Clause, bool Negation, bool NegatedByElision);

    /// <summary>The words of a text; a keyword's are stemmed in its own language, a reason's in both.</summary>
    private static Token[] Tokens(string text, string? language)
    {
        var english = new EnglishStemmer();
        var french = new FrenchStemmer();
        var tokens = new List<Token>();
        foreach (var word in AnswerText.Read(text).Words)
        {
            var key = word.Key;
            var elidedNegation = false;
            var apostrophe = word.Text.IndexOf('\'', StringComparison.Ordinal);
            if (apostrophe > 0 && Elisions.Contains(word.Text[..apostrophe]) && apostrophe + 1 < word.Text.Length)
            {
                elidedNegation = word.Text[..apostrophe] == "n";
                key = word.Text[(apostrophe + 1)..].Replace("'", "", StringComparison.Ordinal);
            }

            var englishStem = Stem(english, key);
            var frenchStem = Stem(french, key);
            var stem = language == "fr" ? frenchStem : englishStem;
            var negation = Negations.Contains(key) || key.EndsWith("nt", StringComparison.Ordinal) && word.Text.EndsWith("n't", StringComparison.Ordinal);
            tokens.Add(new Token(key, word.Key, language, stem, englishStem, frenchStem, word.Clause, negation || (Negations.Contains(word.Key)), elidedNegation));
        }

        return [.. tokens];
    }

    private static string Stem(SnowballProgram stemmer, string word)
    {
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>The text cut at sentence ends and commas: a first message's reason is the part that names it.</summary>
    private static IEnumerable<string> Segments(string text) =>
        text.Split(['.', ',', ';', '!', '?', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 0);
}
