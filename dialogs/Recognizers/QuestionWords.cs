using System.Text.Json;
using System.Text.RegularExpressions;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// The words that make a sentence a question, in English and French, from the embedded <c>Resources/questions.json</c>
/// (language data, not code): auxiliaries and the pronoun subjects that must follow them without a "?", the subjects
/// allowed only with a "?" ("is the refund started?", never "was a gift"), pairs that open answers ("did it", "why
/// not"), the relative words that ask nothing after a comma ("the router, which is broken"), the month that is also an auxiliary ("may") with the day words it never asks before, question words, French
/// openers without inversion ("vous remboursez si …"), lead-ins, clauses set aside ("before"/"avant") or kept as part of
/// the question ("if"/"si"), indirect questions, and the words a message is cut before ("btw", "au fait").
/// </summary>
internal sealed class QuestionWords
{
    private static readonly Lazy<QuestionWords> Embedded = new(Load);

    private QuestionWords(IReadOnlyDictionary<string, string[]> lists)
    {
        HashSet<string> Set(string kind) => [.. List(lists, kind).Select(TextNormalizer.Fold)];
        IReadOnlyList<string[]> Phrases(string kind) =>
            [.. List(lists, kind).Select(p => TextNormalizer.Fold(p).Split(' ')).Where(p => p.Length > 0 && p[0].Length > 0).OrderByDescending(p => p.Length)];

        Auxiliaries = Set("auxiliaries");
        PronounSubjects = Set("pronounSubjects");
        MarkedSubjects = Set("markedSubjects");
        GerundAuxiliaries = Set("gerundAuxiliaries");
        NotQuestions = Phrases("notQuestions");
        MonthAuxiliaries = Set("monthAuxiliaries");
        DayWords = Set("dayWords");
        Relatives = Set("relatives");
        WhWords = Set("whWords");
        WhFollowers = Set("whFollowers");
        TrailingWhWords = Set("trailingWhWords");
        AlwaysAsking = Set("alwaysAsking");
        Openers = Phrases("openers");
        LeadIns = Phrases("leadIns");
        ClauseMarks = [.. List(lists, "clauseMarks")];
        SetAsideClauses = Set("setAsideClauses");
        SurpriseMarks = [.. List(lists, "surpriseMarks")];
        Conditions = Set("conditions");
        IndirectQuestions = [.. List(lists, "indirectQuestions").Select(TextNormalizer.Fold)];
        Inversion = new Regex(
            $@"\b(?!(?:{Alternatives(List(lists, "inversionExceptions"))})\b)\w+-(?:t-)?(?:{Alternatives(List(lists, "inversionPronouns"))})\b",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
        SentenceBreak = new Regex(
            $@"(?<=[.!?…])\s+|\n+|\s+(?=(?:{Alternatives(List(lists, "sentenceBreaks"))})\b)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public static QuestionWords Instance => Embedded.Value;

    public HashSet<string> Auxiliaries { get; }

    /// <summary>The subjects that make "auxiliary + subject" a question even without a "?" ("do you", "is it").</summary>
    public HashSet<string> PronounSubjects { get; }

    /// <summary>The subjects that do so only in a sentence ending with "?": "is the refund started?", not "was a gift".</summary>
    public HashSet<string> MarkedSubjects { get; }

    /// <summary>
    /// The auxiliaries that make a question of a sentence opening on them and an -ing subject, even without a "?"
    /// ("does watching one episode count", "would cancelling now cost me"); not "was"/"is" ("was using it daily" answers).
    /// </summary>
    public HashSet<string> GerundAuxiliaries { get; }

    /// <summary>Openings that look like questions and are answers ("did it twice", "why not", "pourquoi pas").</summary>
    public IReadOnlyList<string[]> NotQuestions { get; }

    /// <summary>Auxiliaries that are also a month: "may the 3rd" is a date, "may i" a question.</summary>
    public HashSet<string> MonthAuxiliaries { get; }

    public HashSet<string> DayWords { get; }

    /// <summary>Question words that after a comma introduce a relative clause: "the router, which is broken", "l'appli, qui plante".</summary>
    public HashSet<string> Relatives { get; }

    public HashSet<string> WhWords { get; }

    /// <summary>Words after a question word that make it ask without an auxiliary ("what about").</summary>
    public HashSet<string> WhFollowers { get; }

    public HashSet<string> AlwaysAsking { get; }

    /// <summary>Question words that ask at the end of a clause, with its "?" ("je serai remboursé quand ?", "and then what?").</summary>
    public HashSet<string> TrailingWhWords { get; }

    /// <summary>Phrases that open a question with no inversion and no mark ("vous remboursez si …", "et si", "what if").</summary>
    public IReadOnlyList<string[]> Openers { get; }

    /// <summary>Words and phrases set aside before a question, longest first ("by the way", "au fait", "and").</summary>
    public IReadOnlyList<string[]> LeadIns { get; }

    /// <summary>Marks that close a set-aside clause ("before i say yes - do i …").</summary>
    public HashSet<string> ClauseMarks { get; }

    /// <summary>"before", "avant": a clause the question follows, left out of the question.</summary>
    public HashSet<string> SetAsideClauses { get; }

    /// <summary>"if", "si": a condition the question follows, kept in it, so that its facts are not taken as answers.</summary>
    public HashSet<string> Conditions { get; }

    public IReadOnlyList<string> IndirectQuestions { get; }

    /// <summary>
    /// Marks that close an exclamation of surprise rather than a question ("i paid for something i didn't order??",
    /// "j'ai payé un truc que j'ai pas commandé ?!"): a sentence that has no question form and ends with one says something.
    /// </summary>
    public IReadOnlyList<string> SurpriseMarks { get; }

    /// <summary>A French inversion: a verb joined to its subject pronoun ("puis-je", "faut-il", "rembourse-t-on").</summary>
    public Regex Inversion { get; }

    /// <summary>Where a message is cut into sentences: after . ! ? … and line breaks, and before "btw", "au fait".</summary>
    public Regex SentenceBreak { get; }

    private static string[] List(IReadOnlyDictionary<string, string[]> lists, string kind) =>
        lists.TryGetValue(kind, out var list) ? list : throw new KeyNotFoundException($"questions.json has no '{kind}' list.");

    private static string Alternatives(IEnumerable<string> words) => string.Join('|', words.Select(Regex.Escape));

    private static QuestionWords Load()
    {
        using var stream = typeof(QuestionWords).Assembly.GetManifestResourceStream("RefundBot.Dialogs.Resources.questions.json")
            ?? throw new InvalidOperationException("Missing embedded resource questions.json.");
        return new QuestionWords(JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)
            ?? throw new InvalidOperationException("Empty questions.json."));
    }
}
