using System.Text.RegularExpressions;
using RefundBot.Dialogs.Runtime;
using YamlDotNet.RepresentationModel;

namespace RefundBot.Dialogs.Tests.Runtime;

/// <summary>
/// What policy-content/WRITING.md says of every sentence a customer reads, where a machine can check it: the slips
/// reviewers found (issue 27) never come back, and French and English typography hold. The texts are both resource
/// files and the texts of policy-content (questions, labels, explanations, timelines, reason titles, guides), not
/// policy.*.md, which are the businesses' own words, nor synonyms and keywords, which are what customers type.
/// </summary>
public sealed partial class CustomerTextConventionsTests
{
    private const char Nbsp = '\u00A0';

    /// <summary>The slips of issue 27, and ones like them: never in any text, in either language.</summary>
    public static TheoryData<string, string> Slips => new()
    {
        { "ce n'a pas été", "« cela n'a pas été »: « ce » does not elide before « a »" },
        { "Ce n'a pas été", "« Cela n'a pas été »: « ce » does not elide before « a »" },
        { "Dites **", "a chat is written: « Écrivez **…** »" },
        { "Dites revenir", "a chat is written: « Écrivez **revenir au bot** »" },
        { "la personne verra", "« notre équipe verra »" },
        { "Conservé (", "an amount label says what it is: « Non remboursé (…) »" },
        { "Retenu pour l'utilisation", "an amount label says what it is: « Votre utilisation du service jusqu'ici (…) »" },
        { "Politique : ", "citations are introduced by « Voir la politique de remboursement : »" },
        { "Policy: ", "citations are introduced by \"See the refund policy:\"" },
        { "Services's", "the possessive of a name ending in s" },
        { "in breach of", "a question never accuses the customer" },
        { "en infraction", "a question never accuses the customer" },
        { "de Abonnements", "« d'Abonnements »" },
        { "...", "an ellipsis is one character: …" },
    };

    [Theory]
    [MemberData(nameof(Slips))]
    public void No_customer_text_has_the_slip(string slip, string why)
    {
        // A slip that starts a word matches only there ("le service n'a pas été" is not "ce n'a pas été").
        var pattern = new Regex((char.IsLetter(slip[0]) ? @"(?<!\w)" : "") + Regex.Escape(slip));
        var found = AllTexts().Where(t => pattern.IsMatch(Normalized(t.Text))).Select(t => t.Where);
        Assert.True(!found.Any(), $"\"{slip}\" ({why}) in:\n{string.Join("\n", found)}");
    }

    [Fact]
    public void No_text_puts_s_after_a_name_that_may_end_in_s()
    {
        // "{business}'s" reads "Seven-Day Services's"; "{agent}'s" reads "Charles's" or "Services's" for a team name.
        var found = AllTexts().Where(t => t.Language == "en" && (PossessiveOfAName().IsMatch(t.Text) || t.Text.Contains("s's")));
        Assert.Empty(found.Select(t => t.Where));
    }

    [Fact]
    public void English_texts_use_curly_double_quotes()
    {
        Assert.Empty(AllTexts().Where(t => t.Language == "en" && t.Text.Contains('"')).Select(t => t.Where));
    }

    [Fact]
    public void French_texts_use_guillemets_never_straight_or_english_quotes()
    {
        Assert.Empty(AllTexts().Where(t => t.Language == "fr" && t.Text.IndexOfAny(['"', '“', '”']) >= 0).Select(t => t.Where));
    }

    [Fact]
    public void French_texts_have_a_non_breaking_space_before_high_punctuation_and_inside_guillemets()
    {
        var found = AllTexts()
            .Where(t => t.Language == "fr" && !t.Where.Contains("format.", StringComparison.Ordinal))
            .SelectMany(t => MissingFrenchSpace().Matches(t.Text).Select(m => $"{t.Where}: …{Around(t.Text, m.Index)}…"));
        Assert.Empty(found);
    }

    [Theory]
    [InlineData("Quel est le problème ?", false)]
    [InlineData("Quel est le problème\u00A0?", true)]
    [InlineData("Quel est le problème\u202F?", true)]
    [InlineData("Quel est le problème?", false)]
    [InlineData("Quand : {text}", false)]
    [InlineData("Quand\u00A0: {text}", true)]
    [InlineData("« {heading} »", false)]
    [InlineData("«\u00A0{heading}\u00A0»", true)]
    [InlineData("cela fait 20 %.", false)]
    [InlineData("cela fait 20\u00A0%.", true)]
    [InlineData("par exemple 14:30", true)]
    public void The_french_spacing_check_reads_typography_as_a_writer_would(string text, bool correct)
    {
        Assert.Equal(correct, !MissingFrenchSpace().IsMatch(text));
    }

    /// <summary>Every customer-facing text: (language, text, where it comes from).</summary>
    internal static IEnumerable<(string Language, string Text, string Where)> AllTexts()
    {
        var texts = BotTexts.LoadEmbedded();
        foreach (var language in BotTexts.Languages)
        {
            foreach (var key in texts.Keys(language))
            {
                yield return (language, texts.Get(language, key), $"strings.{language}.json: {key}");
            }
        }

        var content = Path.Combine(AppContext.BaseDirectory, "policy-content");
        foreach (var file in Directory.EnumerateFiles(content, "*.yaml", SearchOption.AllDirectories).Order())
        {
            var yaml = new YamlStream();
            using (var reader = File.OpenText(file))
            {
                yaml.Load(reader);
            }

            foreach (var (language, text, line) in LanguageScalars(yaml.Documents[0].RootNode, inInput: false))
            {
                yield return (language, text, $"{Path.GetRelativePath(content, file)}:{line}");
            }
        }
    }

    /// <summary>The "en"/"fr" scalars of a policy file, except under synonyms and keywords (what customers type).</summary>
    private static IEnumerable<(string Language, string Text, long Line)> LanguageScalars(YamlNode node, bool inInput)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value;
                    if (!inInput && name is "en" or "fr" && value is YamlScalarNode { Value: { } text })
                    {
                        yield return (name!, text, value.Start.Line);
                    }

                    foreach (var inner in LanguageScalars(value, inInput || name is "synonyms" or "keywords"))
                    {
                        yield return inner;
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var inner in sequence.Children.SelectMany(c => LanguageScalars(c, inInput)))
                {
                    yield return inner;
                }

                break;
        }
    }

    private static string Normalized(string text) => text.Replace(Nbsp, ' ').Replace('\u202F', ' ');

    private static string Around(string text, int index) => text.Substring(Math.Max(0, index - 12), Math.Min(24, text.Length - Math.Max(0, index - 12)));

    /// <summary>A placeholder followed by 's: the name filled in may end in s.</summary>
    [GeneratedRegex(@"\}'s\b")]
    private static partial Regex PossessiveOfAName();

    /// <summary>
    /// Before ? ! ; : » and % a French text has a non-breaking space (U+00A0 or U+202F), and after « too: a plain space
    /// there, or none at all, is a miss. A colon followed by a digit (14:30) is a time, not punctuation.
    /// </summary>
    [GeneratedRegex(@"(?<![\u00A0\u202F])[?!;»%]|(?<![\u00A0\u202F\d]):(?!\d)|«(?![\u00A0\u202F])")]
    private static partial Regex MissingFrenchSpace();
}
