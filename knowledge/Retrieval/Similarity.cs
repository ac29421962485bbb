namespace RefundBot.Knowledge.Retrieval;

/// <summary>Pure scoring on vectors: how close a question's vector is to a section and to each of its sentences.</summary>
public static class Similarity
{
    /// <summary>The cosine of two normalized vectors (their dot product); 0 when their lengths differ.</summary>
    public static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            return 0;
        }

        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>The section's score for a question: its best of the whole section and any one of its sentences.</summary>
    public static double Section(float[] question, SectionVector section) =>
        section.Sentences.Select(s => Cosine(question, s)).Append(Cosine(question, section.Section)).Max();

    /// <summary>The section's best cosine with one of its example questions; 0 when it has none.</summary>
    public static double Question(float[] question, SectionVector section) =>
        section.Questions.Select(q => Cosine(question, q)).DefaultIfEmpty(0).Max();

    /// <summary>Each sentence's cosine with the question, in the section's order.</summary>
    public static IReadOnlyList<double> Sentences(float[] question, SectionVector section) =>
        section.Sentences.Select(s => Cosine(question, s)).ToList();
}
