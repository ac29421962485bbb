using System.Collections.Concurrent;
using RefundBot.Knowledge.Retrieval;

/// <summary>
/// For tuning only: the model's vectors kept by text, so that a grid of thresholds over the dev split embeds each
/// question once rather than once per setting.
/// </summary>
internal sealed class CachedEmbedder(ISentenceEmbedder inner) : ISentenceEmbedder
{
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        var missing = texts.Where(t => !_vectors.ContainsKey(t)).Distinct().ToList();
        if (missing.Count > 0)
        {
            var vectors = inner.Embed(missing);
            for (var i = 0; i < missing.Count; i++)
            {
                _vectors[missing[i]] = vectors[i];
            }
        }

        return texts.Select(t => _vectors[t]).ToArray();
    }
}
