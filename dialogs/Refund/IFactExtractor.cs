using System.Text.Json.Nodes;

namespace RefundBot.Dialogs.Refund;

/// <summary>
/// Reads, from a long free-text message, candidate values for the facts a schema declares (see <see cref="FactSchema"/>).
/// Owned by the dialogs and implemented by the host (an LLM, optional): the conversation never depends on it. Every
/// candidate is checked by <see cref="ExtractedFactsChecker"/> with the recognizers the prompts use before it counts.
/// </summary>
public interface IFactExtractor
{
    /// <summary>Messages shorter than this are read by the recognizers alone (0: the extractor is off).</summary>
    int MinLength { get; }

    /// <summary>The candidates by fact id; empty when nothing was read, on a failure or a timeout. Never throws but for cancellation.</summary>
    Task<IReadOnlyDictionary<string, ExtractedFact>> ExtractAsync(JsonObject schema, string text, string language, CancellationToken cancellationToken);
}
