namespace RefundBot.Knowledge.Retrieval;

/// <summary>Turns texts into normalized sentence vectors (cosine = dot product). The one place a model runs.</summary>
public interface ISentenceEmbedder
{
    float[][] Embed(IReadOnlyList<string> texts);
}
