using System.Globalization;
using RefundBot.Dialogs.Recognizers;

namespace RefundBot.Dialogs.Prompts;

/// <summary>Why an answer selected no choice.</summary>
public enum ChoiceDoubt
{
    None,

    /// <summary>No choice is mentioned (or only negated).</summary>
    NotUnderstood,

    /// <summary>"mouais", "I guess", "maybe": not an answer to decide on.</summary>
    Hedged,

    /// <summary>Two choices are mentioned ("yes and no", "not yet, it's fixed").</summary>
    Ambiguous,

    /// <summary>A question that would otherwise have been read as the yes: a question is never a confirmation.</summary>
    Question,
}

/// <summary>What an answer selects: a choice, or why none (with the choices it hesitated between).</summary>
internal sealed record ChoiceReading(Choice? Choice, ChoiceDoubt Doubt, IReadOnlyList<Choice> Candidates)
{
    public static ChoiceReading Selected(Choice choice) => new(choice, ChoiceDoubt.None, [choice]);

    public static ChoiceReading Doubtful(ChoiceDoubt doubt, IReadOnlyList<Choice>? candidates = null) => new(null, doubt, candidates ?? []);
}

/// <summary>
/// Reads a free-text answer against a list of choices, by each choice's title and synonyms as whole words, with the
/// scope of negations ("not fixed at all", "ce n'est pas réglé", "rien n'a changé") and without guessing:
/// <list type="bullet">
/// <item>the whole answer equal to a title, a synonym, a value or a button's number selects that choice, and a whole
/// answer that is only "none", "aucune", "rien" the one choice whose words begin as a "none of" ("Aucune de ces situations");</item>
/// <item>a hedge ("mouais", "I guess") selects nothing;</item>
/// <item>a mention preceded in its clause by a negation does not select its choice; a negated yes selects the no;</item>
/// <item>a choice's words may have fillers between them ("don't want any tech help", "super lente");</item>
/// <item>the longest mention wins where mentions overlap ("not resolved" over "resolved");</item>
/// <item>a plain yes/no word selects only a choice that is the question's yes or no (its polarity), "y", "k" and "n"
/// only as the whole answer; it counts less than a choice's own words, except that a no always blocks a yes ("no, it
/// works now", "fixed? not at all" are asked again, "yes but it's still broken" is the no), and a yes in the clause
/// of a choice that is neither ("yes the order is correct") is asked again rather than taken as that choice;</item>
/// <item>"I don't think", "je pense pas" negate up to the end of their clause;</item>
/// <item>mentions of two choices select nothing, nor does "both" beside one, and a question is never taken as the yes.</item>
/// </list>
/// </summary>
internal static class ChoiceRecognizer
{
    /// <summary>How many words before a mention a negation reaches ("pas du tout réglé": three).</summary>
    private const int NegationReach = 3;

    private static readonly IReadOnlyList<string[]> Hedges = Phrases(AnswerWords.Hedge);
    private static readonly IReadOnlyList<string[]> BothWords = Phrases(AnswerWords.Both);
    private static readonly IReadOnlyList<string[]> NotHedges = Phrases(AnswerWords.NotHedge);
    private static readonly IReadOnlyList<string[]> YesWords = Phrases(AnswerWords.Yes);
    private static readonly IReadOnlyList<string[]> NoWords = Phrases(AnswerWords.No);
    private static readonly IReadOnlyList<string[]> WholeYesWords = [.. YesWords, .. Phrases(AnswerWords.WholeYes)];
    private static readonly IReadOnlyList<string[]> WholeNoWords = [.. NoWords, .. Phrases(AnswerWords.WholeNo)];
    private static readonly HashSet<string> Negations = [.. Phrases(AnswerWords.Negation).SelectMany(p => p)];
    private static readonly IReadOnlyList<string[]> ClauseNegations = Phrases(AnswerWords.NegationToClauseEnd);
    private static readonly HashSet<string> AfterNo = [.. Phrases(AnswerWords.NegationAfterNo).SelectMany(p => p)];
    private static readonly HashSet<string> BeforeItsWord = [.. Phrases(AnswerWords.NegationBeforeItsWord).SelectMany(p => p)];
    private static readonly IReadOnlyList<string[]> SoftNoWords = Phrases(AnswerWords.SoftNo);
    private static readonly IReadOnlyList<string[]> Minimizers = Phrases(AnswerWords.SoftNoMinimizer);
    private static readonly HashSet<string> PhraseFillers = [.. Phrases(AnswerWords.PhraseFillers).Where(p => p.Length == 1).Select(p => p[0])];
    private static readonly IReadOnlyList<string[]> NoneOfWords = Phrases(AnswerWords.NoneOf);
    private static readonly HashSet<string> NotNegations = [.. AnswerWords.Of(AnswerWords.NotNegation).Select(TextNormalizer.Fold)];

    private readonly record struct Mention(Choice Choice, int Start, int Length, bool Plain, bool Negated, int Clause)
    {
        public int End => Start + Length;
    }

    public static ChoiceReading Read(string text, IReadOnlyList<Choice> choices)
    {
        var answer = AnswerText.Read(text);
        if (WholeAnswer(answer, text, choices) is { } exact)
        {
            return ChoiceReading.Selected(exact);
        }

        var mentions = Mentions(answer, choices);
        var softNos = mentions.Where(m => IsUnsupportedSoftNo(answer, m, mentions)).ToList();
        mentions = [.. mentions.Except(softNos)];
        var reading = IsHedged(answer)
            ? ChoiceReading.Doubtful(ChoiceDoubt.Hedged, [.. mentions.Select(m => m.Choice).Distinct()])
            : Decide(mentions, choices);
        if (reading.Choice is not null && SaysBoth(answer, mentions))
        {
            reading = ChoiceReading.Doubtful(ChoiceDoubt.Ambiguous, [.. mentions.Select(m => m.Choice).Distinct()]);
        }

        if (reading.Choice is null && reading.Doubt == ChoiceDoubt.NotUnderstood && softNos.Count > 0)
        {
            reading = ChoiceReading.Doubtful(ChoiceDoubt.Hedged, [.. softNos.Select(m => m.Choice).Distinct()]);
        }

        return answer.IsQuestion && reading.Choice?.Polarity is not ChoicePolarity.No
            ? ChoiceReading.Doubtful(ChoiceDoubt.Question, reading.Candidates)
            : reading;
    }

    /// <summary>
    /// "both tbh, it was down all week and now i want out", "les deux": the customer means two choices, though only one
    /// may be named in words the bot knows; it is asked again. "Both" inside a choice's own words ("aucune des deux") does not count.
    /// </summary>
    private static bool SaysBoth(AnswerText answer, IReadOnlyList<Mention> mentions) =>
        BothWords.Any(p => Find(answer, p).Any(at => !mentions.Any(m => at < m.End && m.Start < at + p.Length)));

    /// <summary>
    /// "mouais", "je pense": a hedge, unless it is the start of a negation ("je pense pas que ce soit réglé") or part of
    /// words that only look like one once accents are folded ("ça marche pas sur ma télé" is not "pas sûr").
    /// </summary>
    private static bool IsHedged(AnswerText answer)
    {
        var negations = ClauseNegations.Concat(NotHedges).SelectMany(n => Find(answer, n).Select(at => (at, end: at + n.Length))).ToList();
        return Hedges.Any(h => Find(answer, h).Any(at => !negations.Any(n => at < n.end && n.at < at + h.Length)));
    }

    /// <summary>
    /// "not really", "pas vraiment": a no of degree, which is a no alone ("pas vraiment"), beside a plain no ("no not
    /// really") or before what makes it small ("not really, just late", "pas vraiment, juste une rayure"); followed by
    /// anything else ("pas vraiment, le technicien est passé 5 min puis reparti") it is a hedge, and the answer is read
    /// from its other words or asked again. A clause that names a choice speaks for itself.
    /// </summary>
    private static bool IsUnsupportedSoftNo(AnswerText answer, Mention soft, IReadOnlyList<Mention> mentions)
    {
        var words = answer.Words;
        if (!soft.Plain || soft.Choice.Polarity != ChoicePolarity.No
            || !SoftNoWords.Any(p => p.Length == soft.Length && Find(answer, p).Contains(soft.Start)))
        {
            return false;
        }

        var said = Enumerable.Range(soft.End, words.Count - soft.End)
            .Concat(Enumerable.Range(0, soft.Start).Where(i => words[i].Clause != words[soft.Start].Clause))
            .Where(i => !mentions.Any(m => m != soft && i >= m.Start && i < m.End))
            .GroupBy(i => words[i].Clause);
        return said.Any(clause => !mentions.Any(m => m != soft && words[m.Start].Clause == clause.Key)
            && !Minimizers.Any(p => Find(answer, p).Contains(clause.Min())));
    }

    private static ChoiceReading Decide(IReadOnlyList<Mention> mentions, IReadOnlyList<Choice> choices)
    {
        var meant = mentions.Where(m => !m.Negated).ToList();
        var strong = meant.Where(m => !m.Plain).Select(m => m.Choice).Distinct().ToList();
        var plain = meant.Where(m => m.Plain).Select(m => m.Choice).Distinct().ToList();
        var all = choices.Where(c => strong.Contains(c) || plain.Contains(c)).ToList();
        if (OutweighedNo(strong, plain) is { } yes)
        {
            strong = [yes];
        }

        if (strong.Count == 0 && OtherYes(plain, mentions, choices) is { } other)
        {
            return ChoiceReading.Selected(other);
        }

        if (strong.Count > 1 || (strong.Count == 0 && plain.Count > 1))
        {
            return ChoiceReading.Doubtful(ChoiceDoubt.Ambiguous, all);
        }

        if (strong.Count == 1)
        {
            return Contradicted(strong[0], meant)
                ? ChoiceReading.Doubtful(ChoiceDoubt.Ambiguous, all)
                : ChoiceReading.Selected(strong[0]);
        }

        if (plain.Count == 1)
        {
            return ChoiceReading.Selected(plain[0]);
        }

        // "pas du tout réglé", "it doesn't work any better": only the yes is named, and negated. Where two choices are
        // yeses ("yes, and it is fixed", "yes, but it is not"), a negated one does not tell which other is meant.
        var yeses = choices.Where(c => c.Polarity == ChoicePolarity.Yes).ToList();
        return yeses.Count == 1 && mentions.Any(m => m.Negated && m.Choice == yeses[0])
            && choices.SingleOrDefault(c => c.Polarity == ChoicePolarity.No) is { } no
            ? ChoiceReading.Selected(no)
            : ChoiceReading.Doubtful(ChoiceDoubt.NotUnderstood);
    }

    /// <summary>
    /// "yes support tried but it wasn't solved": a plain yes where two choices are yeses ("Yes, and it is solved", "Yes,
    /// but it is not"), and one of them named only negated: the other yes. Nothing else named.
    /// </summary>
    private static Choice? OtherYes(IReadOnlyList<Choice> plain, IReadOnlyList<Mention> mentions, IReadOnlyList<Choice> choices)
    {
        var yeses = choices.Where(c => c.Polarity == ChoicePolarity.Yes).ToList();
        var negated = mentions.Where(m => m.Negated && !m.Plain).Select(m => m.Choice).Distinct().ToList();
        return yeses.Count == 2 && plain.Count == 2 && plain.All(yeses.Contains) && negated is [var denied] && yeses.Contains(denied)
            ? yeses.Single(c => c != denied)
            : null;
    }

    /// <summary>
    /// "yes i tried, still broken": a no choice's words ("i tried": the customer alone, not the service the question
    /// names) beside a yes choice's words and a plain yes, with no plain no; the customer said yes, so the yes choice
    /// stands. Without the yes ("i tried re-downloading, still broken") the answer is asked again between the two.
    /// </summary>
    private static Choice? OutweighedNo(IReadOnlyList<Choice> strong, IReadOnlyList<Choice> plain) =>
        strong.Count == 2 && strong.Any(c => c.Polarity == ChoicePolarity.No)
        && plain.Any(c => c.Polarity == ChoicePolarity.Yes) && !plain.Any(c => c.Polarity == ChoicePolarity.No)
            ? strong.SingleOrDefault(c => c.Polarity == ChoicePolarity.Yes)
            : null;

    /// <summary>
    /// True when a plain yes/no word says otherwise than the one choice named: a no blocks a yes ("fixed? not at all");
    /// a yes in the same clause as a choice that is neither ("yes the order is correct") may confirm rather than choose it.
    /// </summary>
    private static bool Contradicted(Choice named, IReadOnlyList<Mention> meant)
    {
        var plain = meant.Where(m => m.Plain && m.Choice != named).ToList();
        var clauses = meant.Where(m => m.Choice == named && !m.Plain).Select(m => m.Clause).ToHashSet();
        return named.Polarity switch
        {
            ChoicePolarity.Yes => plain.Any(m => m.Choice.Polarity == ChoicePolarity.No),
            ChoicePolarity.None => plain.Any(m => m.Choice.Polarity == ChoicePolarity.Yes && clauses.Contains(m.Clause)),
            _ => false,
        };
    }

    /// <summary>A button clicked, or its number, or a whole answer that is exactly one of a choice's words.</summary>
    private static Choice? WholeAnswer(AnswerText answer, string text, IReadOnlyList<Choice> choices)
    {
        var visible = choices.Where(c => !c.Hidden).ToList();
        var simplified = TextNormalizer.Simplify(text);
        if (int.TryParse(simplified, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= visible.Count)
        {
            return visible[number - 1];
        }

        var whole = answer.Joined;
        return whole.Length == 0 ? null
            : choices.FirstOrDefault(c => Own(c).Append(c.Value).Any(p => string.Join(' ', AnswerText.Keys(p)) == whole))
            ?? OnlyOne(choices.Where(c => PlainWords(c, whole: true).Any(p => string.Join(' ', p) == whole)))
            ?? NoneOf(whole, choices);
    }

    /// <summary>
    /// "aucune", "nothing", "neither" alone: the one choice whose title or a synonym begins as a "none of" does ("Aucune de
    /// ces situations", "nothing like that"; answers.json <c>noneOf</c>), not one that only starts with the word ("nothing
    /// changed", "rien ne marche"). Inside a longer answer such a word negates something else, and selects nothing.
    /// </summary>
    private static Choice? NoneOf(string whole, IReadOnlyList<Choice> choices)
    {
        var beginnings = NoneOfWords.Where(b => b[0] == whole).ToList();
        return beginnings.Count == 0 ? null
            : OnlyOne(choices.Where(c => Own(c).Select(AnswerText.Keys).Any(p => beginnings.Any(b => p.Length >= b.Length && p.Take(b.Length).SequenceEqual(b)))));
    }

    /// <summary>A plain "yes" where two choices are yeses ("yes, and it is fixed", "yes, but it is not") selects neither.</summary>
    private static Choice? OnlyOne(IEnumerable<Choice> matching) => matching.Take(2).ToList() is [var one] ? one : null;

    /// <summary>Every mention of every choice, overlaps resolved in favour of the longest, each marked negated or not.</summary>
    private static List<Mention> Mentions(AnswerText answer, IReadOnlyList<Choice> choices)
    {
        var found = new List<Mention>();
        foreach (var choice in choices)
        {
            var plainWords = PlainWords(choice);
            found.AddRange(Own(choice).Select(AnswerText.Keys).Where(p => !plainWords.Any(w => w.SequenceEqual(p)))
                .SelectMany(p => Spans(answer, p).Select(span => (p, span.Start, span.Length, plain: false)))
                .Concat(plainWords.SelectMany(p => Find(answer, p).Select(at => (p, Start: at, p.Length, plain: true))))
                .Select(m => new Mention(choice, m.Start, m.Length, m.plain, IsNegated(answer, m.Start, m.p), answer.Words[m.Start].Clause)));
        }

        var kept = new List<Mention>();
        foreach (var mention in found.OrderByDescending(m => m.Length).ThenBy(m => m.Plain))
        {
            // The same plain "yes" of two yes choices is kept for both: it tells neither.
            if (!kept.Any(k => mention.Start < k.Start + k.Length && k.Start < mention.Start + mention.Length
                && !(k.Plain && mention.Plain && k.Start == mention.Start && k.Length == mention.Length)))
            {
                kept.Add(mention);
            }
        }

        return kept;
    }

    /// <summary>The choice's own words: its title and synonyms (a title such as "No" that is a plain no counts as one).</summary>
    private static IEnumerable<string> Own(Choice choice) => choice.Synonyms is { } synonyms ? synonyms.Prepend(choice.Display) : [choice.Display];

    /// <summary>
    /// The plain yes or no words that select a yes or a no; a single letter ("y", "n", "k") only as the whole answer,
    /// since inside one it is the French "y" of "il y a" or an elided "n'".
    /// </summary>
    private static IReadOnlyList<string[]> PlainWords(Choice choice, bool whole = false) => choice.Polarity switch
    {
        ChoicePolarity.Yes => whole ? WholeYesWords : YesWords,
        ChoicePolarity.No => whole ? WholeNoWords : NoWords,
        _ => [],
    };

    /// <summary>
    /// Where a choice's words occur in a row, fillers of its clause allowed between them (answers.json
    /// <c>phraseFillers</c>): "i dont want any tech help" is "dont want tech help", "super lente" is "lente".
    /// </summary>
    private static IEnumerable<(int Start, int Length)> Spans(AnswerText answer, string[] phrase)
    {
        var words = answer.Words;
        for (var at = 0; phrase.Length > 0 && at + phrase.Length <= words.Count; at++)
        {
            var (next, matched) = (at, 0);
            while (matched < phrase.Length && next < words.Count)
            {
                if (words[next].Key == phrase[matched])
                {
                    (next, matched) = (next + 1, matched + 1);
                }
                else if (matched > 0 && PhraseFillers.Contains(words[next].Key) && words[next].Clause == words[at].Clause)
                {
                    next++;
                }
                else
                {
                    break;
                }
            }

            if (matched == phrase.Length)
            {
                yield return (at, next - at);
            }
        }
    }

    /// <summary>Where the words of <paramref name="phrase"/> occur in a row in the answer.</summary>
    private static IEnumerable<int> Find(AnswerText answer, string[] phrase)
    {
        var words = answer.Words;
        for (var at = 0; phrase.Length > 0 && at + phrase.Length <= words.Count; at++)
        {
            var all = true;
            for (var i = 0; all && i < phrase.Length; i++)
            {
                all = words[at + i].Key == phrase[i];
            }

            if (all)
            {
                yield return at;
            }
        }
    }

    /// <summary>
    /// True when a negation stands before the mention in its clause, within <see cref="NegationReach"/> words, or
    /// anywhere before it in its clause for a negation that governs the whole clause ("I don't think the technician has
    /// fixed it", "je ne pense pas que ce soit réglé"). A phrase that is itself negative ("not fixed", "pas réglé") is
    /// not negated again.
    /// </summary>
    private static bool IsNegated(AnswerText answer, int start, string[] phrase)
    {
        var words = answer.Words;
        if (IsNegation(words[start], start + 1 < words.Count ? words[start + 1] : null, adjacent: true))
        {
            return false;
        }

        for (var at = start - 1; at >= 0 && at >= start - NegationReach && words[at].Clause == words[start].Clause; at--)
        {
            if (IsNegation(words[at], words[at + 1], adjacent: at == start - 1))
            {
                return true;
            }
        }

        return ClauseNegations.Any(n => Find(answer, n).Any(at => at + n.Length <= start && words[at].Clause == words[start].Clause));
    }

    /// <summary>
    /// "not", "pas", "n'est", "doesn't", "nothing's"...; "no longer"; "non" only right before its word ("non résolu");
    /// never "n'importe".
    /// </summary>
    private static bool IsNegation(AnswerText.Word word, AnswerText.Word? next, bool adjacent) =>
        Negations.Contains(word.Key)
        || (word.Text.EndsWith("'s", StringComparison.Ordinal) && Negations.Contains(word.Key[..^1]))
        || (word.Text.StartsWith("n'", StringComparison.Ordinal) && !NotNegations.Contains(word.Text))
        || word.Text.EndsWith("n't", StringComparison.Ordinal)
        || (word.Key == "no" && next is { } after && AfterNo.Contains(after.Key))
        || (BeforeItsWord.Contains(word.Key) && adjacent);

    private static IReadOnlyList<string[]> Phrases(string kind) => [.. AnswerWords.Of(kind).Select(AnswerText.Keys).Where(p => p.Length > 0)];
}
