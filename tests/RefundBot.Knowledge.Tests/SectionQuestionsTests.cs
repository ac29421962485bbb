using RefundBot.Eligibility.Loading;
using RefundBot.Knowledge.Answers;
using RefundBot.Knowledge.Retrieval;

namespace RefundBot.Knowledge.Tests;

/// <summary>
/// The example questions of questions.yaml: what each section answers, in the words customers use. Paraphrases that
/// share few words with the policy's prose are answered through them, with the section's own sentences quoted.
/// </summary>
public sealed class SectionQuestionsTests
{
    private static readonly Lazy<ExtractiveAnswerer> Hybrid = new(() => Answerer(QuestionSetTests.Catalog));

    /// <summary>The same policies with no example questions: what retrieval did before questions.yaml.</summary>
    private static readonly Lazy<ExtractiveAnswerer> WithoutQuestions = new(() =>
    {
        var catalog = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));
        foreach (var policy in catalog.All)
        {
            policy.SectionQuestions = [];
        }

        return Answerer(catalog);
    });

    private static ExtractiveAnswerer Answerer(PolicyCatalog catalog)
    {
        var index = new PolicyIndex(catalog, MiniLmEmbedder.Shared);
        index.WarmUp();
        return new ExtractiveAnswerer(index);
    }

    [Fact]
    public void Every_policy_has_example_questions_in_both_languages_for_its_sections()
    {
        foreach (var policy in QuestionSetTests.Catalog.All)
        {
            Assert.NotEmpty(policy.SectionQuestions);
            Assert.All(policy.SectionQuestions, s => Assert.All(PolicyLoader.Languages, l => Assert.NotEmpty(s.Value.GetValueOrDefault(l) ?? [])));
        }
    }

    [Fact]
    public void Questions_for_a_section_the_text_does_not_have_stop_the_load()
    {
        var folder = Directory.CreateTempSubdirectory("questions-");
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "policy-content", "seven-day-services")))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }

            File.WriteAllText(Path.Combine(folder.FullName, PolicyLoader.QuestionsFile), "sections:\n  shipping:\n    en: [Do you ship abroad?]\n");
            var problems = new List<PolicyProblem>();

            Assert.Null(PolicyLoader.Load(folder.FullName, problems));
            Assert.Contains(problems, p => p.Message.Contains("'shipping'", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    // paraphrases whose words are mostly not the policy's: answered through the section's example questions
    [InlineData("masecurite", "en", "the technician set it all up for me, will that charge be paid back?", "installation-fees")]
    [InlineData("necxian", "en", "i paid for an online class that turned out useless, can i have the money returned?", "digital-products")]
    [InlineData("smarters-pro", "fr", "le flux se fige sans arrêt le soir, c'est remboursé ?", "non-refundable")]
    public void A_paraphrase_is_answered_by_the_section_whose_example_questions_it_resembles(string policy, string language, string question, string section)
    {
        var answer = Hybrid.Value.Answer(policy, language, question);

        Assert.True(answer.Answered, $"not answered ({answer.Confidence:0.00})");
        Assert.Equal(section, answer.SectionId);
        Assert.NotEqual(section, WithoutQuestions.Value.Answer(policy, language, question).SectionId);
    }
}
