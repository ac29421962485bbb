using System.Text.Json;

namespace RefundBot.Dialogs.Recognizers;

/// <summary>
/// Whole-message commands in English and French ("cancel", "annuler", "start over", "aide"), from the embedded
/// <c>Resources/intents.json</c>. A command is the whole message, give or take "please", so that "the app
/// stopped working" is a reason and not a "stop".
/// </summary>
internal sealed class IntentPhrases(IReadOnlyDictionary<string, IReadOnlyList<string>> phrases)
{
    public const string Cancel = "cancel";
    public const string StartOver = "startOver";
    public const string Help = "help";
    public const string Original = "original";
    public const string Injection = "injection";
    public const string Abuse = "abuse";
    public const string SpeakEnglish = "speakEnglish";
    public const string SpeakFrench = "speakFrench";
    public const string Person = "person";
    public const string PersonRequest = "personRequest";
    public const string BackToBot = "backToBot";
    public const string Upset = "upset";
    public const string ForgetMe = "forgetMe";
    public const string ContactQuestion = "contactQuestion";
    public const string CaseStatus = "caseStatus";
    public const string FileAsking = "fileAsking";
    public const string FileWords = "fileWords";
    public const string Closing = "closing";
    public const string ClosingFiller = "closingFiller";
    public const string DecisionWhy = "decisionWhy";
    public const string DecisionDispute = "decisionDispute";

    /// <summary>Each intent's phrases as words, punctuation aside (<see cref="WordsOf"/>).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string[]>> _words = new(StringComparer.Ordinal);

    private static readonly string[] Politeness = ["please", "pls", "svp", "s'il vous plait", "s'il te plait", "merci"];

    public static IntentPhrases LoadEmbedded()
    {
        using var stream = typeof(IntentPhrases).Assembly.GetManifestResourceStream("RefundBot.Dialogs.Resources.intents.json")
            ?? throw new InvalidOperationException("Missing embedded resource intents.json.");
        var phrases = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)
            ?? throw new InvalidOperationException("Empty intents.json.");
        return new IntentPhrases(phrases.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Select(TextNormalizer.Fold).ToList()));
    }

    public bool Matches(string intent, string foldedText)
    {
        var core = WithoutPoliteness(foldedText);
        return core.Length > 0 && phrases.TryGetValue(intent, out var list) && list.Contains(core);
    }

    /// <summary>
    /// True when the message, punctuation aside, is made of <paramref name="intent"/>'s phrases and
    /// <paramref name="filler"/>'s only, with at least one of the first: "ok, merci, bonne journée !" is a closing,
    /// "ok" alone is not, nor is anything with another word in it. Politeness counts as words here ("merci" is one).
    /// </summary>
    public bool IsMadeOf(string intent, string filler, string text)
    {
        var main = WordsOf(intent);
        if (main.Count == 0)
        {
            return false;
        }

        var words = TextNormalizer.Simplify(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var extra = WordsOf(filler);
        var found = false;
        for (var at = 0; at < words.Length;)
        {
            var taken = LongestAt(words, at, main);
            found |= taken > 0;
            taken = taken > 0 ? taken : LongestAt(words, at, extra);
            if (taken == 0)
            {
                return false;
            }

            at += taken;
        }

        return found;
    }

    /// <summary>How many words at <paramref name="at"/> the longest of <paramref name="list"/>'s phrases takes; 0 when none starts there.</summary>
    private static int LongestAt(string[] words, int at, IReadOnlyList<string[]> list) =>
        list.Where(p => p.Length <= words.Length - at && p.AsSpan().SequenceEqual(words.AsSpan(at, p.Length)))
            .Select(p => p.Length)
            .DefaultIfEmpty(0)
            .Max();

    /// <summary>An intent's phrases as words, punctuation aside (computed once per intent).</summary>
    private IReadOnlyList<string[]> WordsOf(string intent) =>
        _words.GetOrAdd(intent, key => (phrases.GetValueOrDefault(key) ?? [])
            .Select(p => TextNormalizer.Simplify(p).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList());

    /// <summary>True when any phrase of <paramref name="intent"/> appears in the text, as whole words.</summary>
    public bool Mentions(string intent, string foldedText) =>
        phrases.TryGetValue(intent, out var list) && list.Any(p => TextNormalizer.ContainsPhrase(foldedText, p));

    private static string WithoutPoliteness(string folded)
    {
        var polite = false;
        foreach (var word in Politeness)
        {
            if (folded.Contains(word, StringComparison.Ordinal))
            {
                folded = folded.Replace(word, " ");
                polite = true;
            }
        }

        return polite ? TextNormalizer.Fold(folded) : folded;
    }
}
