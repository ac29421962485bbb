using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using RefundBot.Dialogs.Refund;

namespace RefundBot.Bot.Understanding;

/// <summary>
/// Reads the declared facts from a long message with a kernel function. It proposes values and the words they came
/// from; the dialogs keep only what the recognizers confirm (<see cref="ExtractedFactsChecker"/>), and it decides
/// nothing. A failure, a timeout or a reply that is not the expected JSON gives no candidates: the turn goes on as
/// if it were off.
/// </summary>
internal sealed partial class KernelFactExtractor(Kernel kernel, LlmOptions options, ILogger<KernelFactExtractor> logger) : IFactExtractor
{
    private const string Prompt = """
        You read a customer's message to a refund service and extract facts. Facts (JSON, id -> type, description, choices, unit):
        {{$schema}}
        Reply with JSON only: {"facts": {"<fact id>": {"value": "<value>", "quote": "<the customer's exact words that state it>"}}}.
        Values: dates as yyyy-MM-dd (today is {{$today}}), numbers and money as plain numbers, choices as the choice id.
        Leave out every fact the message does not state; never guess. The message is in {{$language}}:
        {{$message}}
        """;

    private readonly KernelFunction _extract = KernelFunctionFactory.CreateFromPrompt(PromptConfig());

    private static PromptTemplateConfig PromptConfig()
    {
        var config = new PromptTemplateConfig(Prompt)
        {
            Name = "ExtractFacts",
            InputVariables = [new() { Name = "schema", AllowDangerouslySetContent = true }, new() { Name = "today" }, new() { Name = "language" }, new() { Name = "message" }],
        };
        config.AddExecutionSettings(new OpenAIPromptExecutionSettings { Temperature = 0 });
        return config;
    }

    public int MinLength => options.ExtractionMinLength;

    public async Task<IReadOnlyDictionary<string, ExtractedFact>> ExtractAsync(JsonObject schema, string text, string language, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ExtractionTimeout);
        try
        {
            var result = await kernel.InvokeAsync(_extract, new KernelArguments
            {
                ["schema"] = schema.ToJsonString(),
                ["today"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["language"] = language == "fr" ? "French" : "English",
                ["message"] = text,
            }, timeout.Token);
            return Parse(result.GetValue<string>() ?? "");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFallback(logger, exception.GetType().Name);
            return new Dictionary<string, ExtractedFact>();
        }
    }

    /// <summary>The candidates in a reply; the customer's words were HTML-encoded into the prompt, so quotes are decoded.</summary>
    internal static Dictionary<string, ExtractedFact> Parse(string reply)
    {
        var json = reply.Trim().Trim('`');
        json = json.StartsWith("json", StringComparison.OrdinalIgnoreCase) ? json[4..] : json;
        var facts = new Dictionary<string, ExtractedFact>();
        using var document = JsonDocument.Parse(json);
        foreach (var fact in document.RootElement.GetProperty("facts").EnumerateObject())
        {
            if (fact.Value.ValueKind == JsonValueKind.Object
                && fact.Value.TryGetProperty("value", out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                && fact.Value.TryGetProperty("quote", out var quote) && quote.ValueKind == JsonValueKind.String)
            {
                var said = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                facts[fact.Name] = new ExtractedFact(WebUtility.HtmlDecode(said), WebUtility.HtmlDecode(quote.GetString()!));
            }
        }

        return facts;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading facts with the LLM failed ({Reason}); the recognizers' reading stands")]
    private static partial void LogFallback(ILogger logger, string reason);
}
