using RefundBot.Eligibility.Loading;
using RefundBot.Knowledge.Answers;
using RefundBot.Knowledge.Retrieval;
using Xunit.Abstractions;

namespace RefundBot.Knowledge.Tests;

/// <summary>
/// Customers' questions about each policy, in English and French, with the section that answers them, or "none" when
/// the policy does not cover the question (the bot must then say so rather than guess).
/// </summary>
public sealed class QuestionSetTests(ITestOutputHelper output)
{
    public static readonly PolicyCatalog Catalog = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content"));
    private static readonly PolicyIndex Index = new(Catalog);

    public static IEnumerable<object[]> Questions() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "questions.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(f => new object[] { f[0], f[1], f[2], f[3] });

    [Fact]
    public void At_least_nine_in_ten_questions_get_the_right_section_or_an_honest_no_answer()
    {
        var answerer = new ExtractiveAnswerer(Index);
        var results = Questions().Select(q => (Question: q, Answer: answerer.Answer((string)q[0], (string)q[1], (string)q[2]))).ToList();
        var misses = results.Where(r => !((string)r.Question[3]).Split('|').Contains(r.Answer.SectionId ?? "none")).ToList();
        foreach (var (question, answer) in misses)
        {
            output.WriteLine($"MISS {question[0]}/{question[1]} \"{question[2]}\": expected {question[3]}, got {answer.SectionId ?? "none"} ({answer.Confidence:0.00})");
        }

        foreach (var (question, answer) in results.Where(r => (string)r.Question[3] == "none"))
        {
            output.WriteLine($"NONE {question[2]}: {answer.Confidence:0.00} best {answer.Passages.FirstOrDefault()?.SectionId}");
        }

        var rate = 1.0 - (double)misses.Count / results.Count;
        output.WriteLine($"hit rate {rate:P0} ({results.Count - misses.Count}/{results.Count})");
        Assert.True(Catalog.All.All(p => results.Count(r => (string)r.Question[0] == p.Id) >= 8), "every policy needs at least 8 questions");
        Assert.True(rate >= 0.9, $"hit rate {rate:P0}: " + string.Join("; ", misses.Select(m => $"{m.Question[2]} → {m.Answer.SectionId ?? "none"}")));
    }

    [Theory]
    [InlineData("masecurite", "en", "Do you refund installation fees?", "If you have benefited from our installation and initial configuration service, these fees are not refundable as the service has already been provided.")]
    [InlineData("smarters-pro", "fr", "Combien de temps pour être remboursé par carte ?", "Délai standard pour les remboursements par carte bancaire : 20 à 31 jours ouvrés")]
    [InlineData("masecurite", "fr", "vous remboursez la pose ?", "Si vous avez bénéficié de notre service d'installation et de configuration initiale, ces frais ne sont pas remboursables, car le service a déjà été fourni.")]
    // a recall: "rappel" is in one section of Necxian's thirteen; sections that share more of the common words
    // ("produit", "reçu") quoted "ces produits ne peuvent être ni retournés ni remboursés", the opposite of what it says
    // (the first is dev's necxian-fr-002, as its customer typed it, without accents)
    [InlineData("necxian", "fr", "le produit que j'ai recu fait l'objet d'un rappel, je peux etre rembourse ?", "En cas de rappel de produit ou de défaut important affectant l'utilisation d'un produit, nous pouvons faire des exceptions à notre politique de remboursement au cas par cas.")]
    [InlineData("necxian", "fr", "J'ai reçu un produit rappelé, je peux être remboursé ?", "En cas de rappel de produit ou de défaut important affectant l'utilisation d'un produit, nous pouvons faire des exceptions à notre politique de remboursement au cas par cas.")]
    // The probe of 4 December, answered "couldn't find" before: "72h" as one token, a two-word question's low score.
    [InlineData("smarters-pro", "fr", "je suis hors délai de 72h, je peux avoir quelque chose ?", "Les demandes effectuées après 72 heures peuvent faire l’objet d’un remboursement partiel, selon l’utilisation de l’abonnement.")]
    [InlineData("seven-day-services", "fr", "il faut une preuve d'achat ?", "Fournissez les détails de votre achat, y compris la preuve d'achat et le motif de votre demande de remboursement.")]
    // "refund" says nothing of which section answers, but within the section it says which sentence does: the exclusion
    [InlineData("necxian", "en", "I cancelled my subscription halfway, do I get a refund for the rest of the month?", "However, we do not offer refunds for partial subscription periods.")]
    public void The_answer_quotes_the_policys_own_sentence(string policy, string language, string question, string sentence) =>
        Assert.Contains(sentence, new ExtractiveAnswerer(Index).Answer(policy, language, question).Quote);

    [Fact]
    public void Retrieval_stays_within_the_policy_asked_about()
    {
        var passages = Index.Search("seven-day-services", "en", "installation fees hardware router");

        Assert.All(passages, p => Assert.Equal("seven-day-services", p.PolicyId));
    }
}
