
namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Finds the questions inside a message, in English or French, so that "oui j'ai gardé le carton. au fait qui paie
/// les frais de retour ?" is both an answer ("oui j'ai gardé le carton") and a question ("qui paie les frais de
/// retour ?"), and "before i say yes - do i need a receipt?" is a question and never a "yes". The one detector of
/// questions: the answer reading (<see cref="Runtime.Prompts.AnswerText.IsQuestion"/>) asks it too, so that a message is
/// never a question for one and an answer for the other. Deterministic, with its words in <see cref="QuestionWords"/>:
/// the message is cut into sentences (and before "btw" / "au fait"), and a sentence asks when it ends with a question
/// mark, starts with a question form (once lead-ins such as "wait", "and", "before I confirm -" are set aside, or after
/// a condition: "if I bought it on March 3 would I still get it"), has one after a comma ("fixed, how do I …"), holds a
/// French inversion ("puis-je", "rembourse-t-on") or an indirect question ("I'd like to know", "je voudrais savoir").
/// Without a "?", an auxiliary asks only before a pronoun ("do you", not "did the steps" or "was a gift"), and "may"
/// never asks before a day ("May the 3rd").
/// </summary>
internal static class QuestionFinder
{
    private static QuestionWords Words => QuestionWords.Instance;

    /// <summary>The questions the message asks and what else it says (empty when it only asks); null when it asks nothing.</summary>
    public static AskedQuestions? Find(string text)
    {
        var questions = new List<string>();
        var rest = new List<string>();
        var hedged = new List<string>();
        var markOnly = true;
        foreach (var sentence in Sentences(text))
        {
            if (Question(sentence, out var before, out var byMarkOnly) is { } question)
            {
                questions.Add(question);
                rest.Add(before);
                markOnly &= byMarkOnly;
                if (byMarkOnly)
                {
                    hedged.Add(sentence);
                }
            }
            else
            {
                rest.Add(sentence);
            }
        }

        return questions.Count == 0
            ? null
            : new AskedQuestions(questions, string.Join(" ", rest.Where(r => r.Length > 0)).Trim(), markOnly, hedged);
    }

    /// <summary>True when the message asks something.</summary>
    public static bool Asks(string text) => Find(text) is not null;

    /// <summary>
    /// The question a sentence asks, without its lead-in ("wait before i confirm - "), or null; <paramref name="before"/>
    /// is what the sentence said before a question that follows a comma ("fixed," in "fixed, how do i …").
    /// </summary>
    private static string? Question(string sentence, out string before, out bool byMarkOnly)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var folded = words.Select(TextNormalizer.Fold).ToArray();
        var endsWithMark = sentence.TrimEnd().EndsWith('?');
        var start = StartOfQuestion(folded, endsWithMark);
        before = "";
        if (start is null && AfterComma(words, folded, endsWithMark, endsWithMark && !IsExclamation(sentence, folded)) is { } afterComma)
        {
            before = string.Join(' ', words[..afterComma.Clause]);
            start = afterComma.Question;
        }

        byMarkOnly = start is null;
        if (start is null && endsWithMark && folded.Count(w => w.Length > 0) >= 2 && !IsExclamation(sentence, folded))
        {
            start = AfterSetAsideClause(words, folded, SkipLeadIns(folded, 0));
        }

        return start is { } at ? string.Join(' ', words[Math.Min(at, words.Length - 1)..]) : null;
    }

    /// <summary>
    /// "i paid for something i didn't order??": a statement of a few words or more closed by a mark of surprise
    /// (<see cref="QuestionWords.SurpriseMarks"/>) and without a question form says something; its facts count.
    /// </summary>
    private static bool IsExclamation(string sentence, string[] folded)
    {
        var marks = new string([.. sentence.Reverse().TakeWhile(c => c is '?' or '!' or ' ' or '\u00A0').Where(c => c is '?' or '!').Reverse()]);
        return folded.Count(w => w.Any(char.IsLetterOrDigit)) >= MinimumExclamationWords && Words.SurpriseMarks.Any(marks.EndsWith);
    }

    private const int MinimumExclamationWords = 3;

    /// <summary>The index of the word where a question form starts (after lead-ins, or after a "before I …" clause), or null.</summary>
    private static int? StartOfQuestion(string[] words, bool marked)
    {
        var joined = string.Join(' ', words);
        if (Words.Inversion.IsMatch(joined) || Words.IndirectQuestions.Any(p => TextNormalizer.ContainsPhrase(joined, p)))
        {
            return SkipLeadIns(words, 0);
        }

        if (Opens(words, 0))
        {
            // "et si je l'ai déjà renvoyé": the opener's first word would otherwise be set aside as a lead-in.
            return 0;
        }

        var first = SkipLeadIns(words, 0);
        if (Opens(words, first))
        {
            return first;
        }

        if (first < words.Length && (Words.SetAsideClauses.Contains(words[first]) || Words.Conditions.Contains(words[first])))
        {
            // "before i say yes - do i need a receipt": the question follows the clause. "if I bought it on March 3
            // would I still get it": the condition is part of the question, and its date is not an answer.
            var question = FirstQuestionForm(words, first + 1, marked);
            return question is null ? null : Words.Conditions.Contains(words[first]) ? first : question;
        }

        return AsksFrom(words, first, marked) ? first : null;
    }

    /// <summary>
    /// "fixed, how do i get my money back": a question form after a comma, and where the clause before it ends; never a
    /// relative clause ("the router, which is broken", "l'appli, qui plante"), unless a lead-in shows it asks ("réglé,
    /// mais qui paie le retour").
    /// </summary>
    /// <param name="asksByMark">The sentence ends with a question mark that is not one of surprise ("i didn't order??").</param>
    private static (int Clause, int Question)? AfterComma(string[] raw, string[] words, bool marked, bool asksByMark)
    {
        for (var at = 1; at < words.Length - 1; at++)
        {
            if (ClauseBreakBefore(raw, at) && SkipLeadIns(words, at) is var start
                && (start > at || !Words.Relatives.Contains(Key(words[start])) || Inverted(words, start)) && AsksFrom(words, start, marked))
            {
                return (at, start);
            }

            // "15 euros, je serai remboursé quand ?": the clause after the comma asks by its last word.
            if (marked && raw[at - 1].EndsWith(',') && Words.TrailingWhWords.Contains(LastWord(words))
                && !Words.Relatives.Contains(Key(words[at])))
            {
                return (at, at);
            }
        }

        // "49 €, les frais de dossier sont rendus aussi ?", "an ebook - are those refundable": a clause, then a question
        // of a few words asked by its mark; the clause before is offered to the prompt, which takes it only if it answers.
        // The whole sentence stays the question ("les frais d'installation, ils sont remboursés ?" needs its subject).
        // Not after a lead-in ("et les frais, …"), "before I confirm," or "if …,": that clause belongs to the question.
        var opensAClause = SkipLeadIns(words, 0) is var opening && (opening > 0
            || (opening < words.Length && (Words.SetAsideClauses.Contains(words[opening]) || Words.Conditions.Contains(words[opening]))));
        for (var at = 1; asksByMark && !opensAClause && at <= words.Length - MinimumQuestionWordsAfterClause; at++)
        {
            if (ClauseBreakBefore(raw, at) && SkipLeadIns(words, at) is var start && start <= words.Length - MinimumQuestionWordsAfterClause
                && !Words.Relatives.Contains(Key(words[start])))
            {
                return (at, 0);
            }
        }

        return null;
    }

    private const int MinimumQuestionWordsAfterClause = 3;

    /// <summary>A comma ends the word before <paramref name="at"/>, or that word is a dash or colon standing apart.</summary>
    private static bool ClauseBreakBefore(string[] raw, int at) =>
        raw[at - 1].EndsWith(',') || (at >= 2 && Words.ClauseMarks.Contains(raw[at - 1]));

    /// <summary>The last word, without the "?" that may close it or stand apart ("quand ?").</summary>
    private static string LastWord(string[] words) =>
        words.Select(w => Key(w.TrimEnd('?', '？'))).LastOrDefault(w => w.Length > 0) ?? "";

    /// <summary>"when will i get it back": a relative word followed by an inverted auxiliary and subject asks; "when i bought it" does not.</summary>
    private static bool Inverted(string[] words, int at) =>
        at + 2 < words.Length && Words.Auxiliaries.Contains(Key(words[at + 1])) && Words.PronounSubjects.Contains(Key(words[at + 2]));

    private static int? FirstQuestionForm(string[] words, int from, bool marked)
    {
        for (var at = from; at < words.Length; at++)
        {
            if (AsksFrom(words, at, marked))
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>"avant de confirmer - vous remboursez … ?": the question starts after the clause's comma, colon or dash.</summary>
    private static int AfterSetAsideClause(string[] raw, string[] words, int at)
    {
        if (at >= words.Length || !Words.SetAsideClauses.Contains(words[at]))
        {
            return at;
        }

        for (var end = at + 1; end < words.Length - 1; end++)
        {
            if (Words.ClauseMarks.Contains(words[end]) || raw[end].EndsWith(',') || raw[end].EndsWith(':'))
            {
                return end + 1;
            }
        }

        return at;
    }

    private static bool AsksFrom(string[] words, int at, bool marked)
    {
        if (at >= words.Length || words.Length - at < 2 || StartsWithAny(words, at, Words.NotQuestions))
        {
            return false;
        }

        var word = Key(words[at]);
        var next = Key(words[at + 1]);
        return Words.AlwaysAsking.Contains(word)
            || (word == "est" && next.StartsWith("ce", StringComparison.Ordinal))
            || (Words.WhWords.Contains(word) && (Words.Auxiliaries.Contains(next) || Words.WhFollowers.Contains(next)))
            || (Words.Auxiliaries.Contains(word) && !BeforeADay(words, at) && HasSubject(next, marked))
            || (Words.GerundAuxiliaries.Contains(word) && IsGerund(next));
    }

    /// <summary>"watching", "cancelling": a verb's -ing form standing as a subject.</summary>
    private static bool IsGerund(string word) => word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal);

    private static bool HasSubject(string word, bool marked) =>
        Words.PronounSubjects.Contains(word) || (marked && Words.MarkedSubjects.Contains(word));

    /// <summary>"May the 3rd", "may 3", "may the first": the month before a day, not "may I".</summary>
    private static bool BeforeADay(string[] words, int at)
    {
        if (!Words.MonthAuxiliaries.Contains(Key(words[at])))
        {
            return false;
        }

        var day = at + 1 < words.Length && Key(words[at + 1]) == "the" && at + 2 < words.Length ? Key(words[at + 2]) : Key(words[at + 1]);
        return (day.Length > 0 && char.IsDigit(day[0])) || Words.DayWords.Contains(day);
    }

    private static bool Opens(string[] words, int at) => StartsWithAny(words, at, Words.Openers);

    private static int SkipLeadIns(string[] words, int at)
    {
        while (at < words.Length - 1)
        {
            if (words[at].Length == 0)
            {
                at++;
            }
            else if (Words.LeadIns.FirstOrDefault(p => StartsWith(words, at, p)) is { } leadIn && at + leadIn.Length < words.Length)
            {
                at += leadIn.Length;
            }
            else
            {
                break;
            }
        }

        return at;
    }

    private static bool StartsWithAny(string[] words, int at, IReadOnlyList<string[]> phrases) =>
        phrases.Any(p => StartsWith(words, at, p));

    private static bool StartsWith(string[] words, int at, string[] phrase)
    {
        if (at + phrase.Length > words.Length)
        {
            return false;
        }

        for (var i = 0; i < phrase.Length; i++)
        {
            if (Key(words[at + i]) != phrase[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A folded word without the punctuation that may close it ("confirm-", "yes,").</summary>
    private static string Key(string word) => word.TrimEnd(',', ':', '-') is { Length: > 0 } key ? key : word;

    /// <summary>Sentences: cut after . ! ? … and line breaks, and before "btw", "by the way", "au fait", "au passage".</summary>
    private static IEnumerable<string> Sentences(string text) =>
        Words.SentenceBreak.Split(text)
            .Select(s => s.Trim())
            .Where(s => s.Length > 0);
}

/// <summary>The questions a message asks, each without its lead-in, and the rest of the message (possibly an answer).</summary>
/// <param name="ByMarkOnly">
/// Every question is one only by its question mark, with no question form ("the 15th I think?"): possibly a hedged
/// answer rather than a question about the policy.
/// </param>
/// <param name="Hedged">
/// The sentences that ask only by their question mark ("hi i think my order was SD-2002?"): statements said with a
/// doubt, whose facts a first message keeps (they are shown in the summary to be confirmed).
/// </param>
internal sealed record AskedQuestions(IReadOnlyList<string> Questions, string Rest, bool ByMarkOnly = false, IReadOnlyList<string>? Hedged = null);
