using System.Text.Json.Nodes;

namespace RefundBot.Dialogs.Refund;

/// <summary>The default: no extractor, the recognizers read every message as they always have.</summary>
public sealed class NoFactExtractor : IFactExtractor
{
    public int MinLength => 0;

    public Task<IReadOnlyDictionary<string, ExtractedFact>> ExtractAsync(JsonObject schema, string text, string language, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, ExtractedFact>>(new Dictionary<string, ExtractedFact>());
}
