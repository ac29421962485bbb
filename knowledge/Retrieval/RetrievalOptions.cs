namespace RefundBot.Knowledge.Retrieval;

/// <summary>Policy retrieval settings ("Knowledge:Retrieval").</summary>
public sealed class RetrievalOptions
{
    public const string Section = "Knowledge:Retrieval";

    /// <summary>
    /// Whether English questions are also matched by sentence embeddings (all-MiniLM-L6-v2, shipped in a package). On by
    /// default; off, answers rest on Lucene's BM25 and the word share alone (as before the vectors are ready).
    /// </summary>
    public bool Embeddings { get; set; } = true;

    /// <summary>
    /// Where the section vectors are kept between runs (by text hash), so that a restart has them in milliseconds
    /// rather than after half a minute of embedding; empty: not kept. Default: a file in the temporary folder.
    /// </summary>
    public string? VectorCacheFile { get; set; } = Path.Combine(Path.GetTempPath(), "refundbot", "section-vectors.bin");
}
