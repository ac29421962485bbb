using System.Text.Json;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// The words of short answers in English and French (yes, no, hedges, negations, "it works"...), from the embedded
/// <c>Resources/answers.json</c>. Both languages are always read: customers switch, and "ok" or "nope" are used in both.
/// A policy's own choices take their synonyms from the policy's data; these are the bot's own questions' words.
/// </summary>
internal static class AnswerWords
{
    public const string Yes = "yes";
    public const string No = "no";
    public const string SoftNo = "softNo";
    public const string SoftNoMinimizer = "softNoMinimizer";
    public const string WholeYes = "wholeYes";
    public const string WholeNo = "wholeNo";
    public const string Hedge = "hedge";
    public const string NotHedge = "notHedge";
    public const string Negation = "negation";
    public const string NegationToClauseEnd = "negationToClauseEnd";
    public const string NegationAfterNo = "negationAfterNo";
    public const string NegationBeforeItsWord = "negationBeforeItsWord";
    public const string NotNegation = "notNegation";
    public const string Contrast = "contrast";
    public const string Both = "both";
    public const string Fixed = "fixed";
    public const string NotFixed = "notFixed";
    public const string Submit = "submit";
    public const string ChangeOrderId = "changeOrderId";
    public const string ChangePurchaseDate = "changePurchaseDate";
    public const string ChangeReason = "changeReason";
    public const string SetAside = "setAside";

    /// <summary>How a "none of" choice's words begin ("aucune de", "nothing like"): its first word alone selects it.</summary>
    public const string NoneOf = "noneOf";

    /// <summary>Words that may stand between a choice's words without changing them ("any", "super", "vraiment").</summary>
    public const string PhraseFillers = "phraseFillers";

    /// <summary>A word's short form then the word, one pair a line ("tech technician"): the short form is read as the word.</summary>
    public const string ShortForms = "shortForms";

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>> Lists = new(LoadEmbedded);

    /// <summary>The phrases of one kind, as written in the file (fold them before comparing).</summary>
    public static IReadOnlyList<string> Of(string kind) =>
        Lists.Value.TryGetValue(kind, out var list) ? list : throw new KeyNotFoundException($"answers.json has no '{kind}' list.");

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> LoadEmbedded()
    {
        using var stream = typeof(AnswerWords).Assembly.GetManifestResourceStream("RefundBot.Dialogs.Resources.answers.json")
            ?? throw new InvalidOperationException("Missing embedded resource answers.json.");
        var lists = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)
            ?? throw new InvalidOperationException("Empty answers.json.");
        return lists.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value);
    }
}
