namespace RefundBot.Eligibility.Model;

/// <summary>
/// questions.yaml: for each section id, questions customers ask that the section answers, per language. Retrieval
/// compares a customer's question with them as well as with the section's text, since a question is closer in wording
/// to another question than to the policy's prose.
/// </summary>
public sealed class SectionQuestions : Located
{
    public Dictionary<string, Dictionary<string, List<string>>> Sections { get; set; } = [];
}
