namespace RefundBot.Bot.Understanding;

/// <summary>
/// The optional LLM ("Llm"), one for the whole bot: it may phrase grounded policy answers and read facts from long
/// messages. Absent (no endpoint), nothing of it runs. The former section "Knowledge:Llm" is still read, with a warning.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";
    public const string FormerSection = "Knowledge:Llm";

    /// <summary>An OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or http://localhost:11434/v1.</summary>
    public string? Endpoint { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";
    public string? ApiKey { get; set; }

    /// <summary>How long a phrasing of an answer may take before the extractive quote stands alone.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Whether long messages are read for facts too (when an endpoint is set).</summary>
    public bool ExtractFacts { get; set; } = true;

    /// <summary>A message at least this long is read for facts: shorter ones are read well by the recognizers alone.</summary>
    public int ExtractionMinLength { get; set; } = 80;

    /// <summary>How long reading a message for facts may take within a turn before the turn goes on without it.</summary>
    public TimeSpan ExtractionTimeout { get; set; } = TimeSpan.FromSeconds(4);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Endpoint);
}
