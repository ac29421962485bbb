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
