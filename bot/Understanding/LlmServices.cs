using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using RefundBot.Dialogs.Refund;
using RefundBot.Knowledge.Answers;

namespace RefundBot.Bot.Understanding;

/// <summary>
/// The one LLM stack: a Semantic Kernel on an OpenAI-compatible endpoint, used by the phrasing of policy answers and
/// by the reading of facts from long messages. Off by default (no "Llm:Endpoint"): then neither is registered, and
/// the bot answers with the extractive quote and reads with its recognizers, exactly as without it.
/// </summary>
internal static partial class LlmServices
{
    public static IServiceCollection AddLlm(this IServiceCollection services)
    {
        // Read when first needed, not when registered: a test host's settings arrive late.
        services.AddOptions<LlmOptions>().Configure<IConfiguration>((options, configuration) => configuration.GetSection(SectionIn(configuration)).Bind(options));
        services.AddSingleton(sp =>
        {
            if (SectionIn(sp.GetRequiredService<IConfiguration>()) == LlmOptions.FormerSection)
            {
                LogFormerSection(sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LlmServices)), LlmOptions.FormerSection, LlmOptions.Section);
            }

            var llm = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return new LlmKernel(llm.IsEnabled ? CreateKernel(llm, sp.GetRequiredService<ILoggerFactory>()) : null);
        });
        services.AddSingleton(sp =>
        {
            var llm = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return new PolicyAnswers(sp.GetRequiredService<ExtractiveAnswerer>(), sp.GetRequiredService<ILogger<PolicyAnswers>>(),
                sp.GetRequiredService<LlmKernel>().Kernel?.GetRequiredService<IChatClient>(), llm.Timeout);
        });
        services.AddSingleton<IFactExtractor>(sp =>
        {
            var llm = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return sp.GetRequiredService<LlmKernel>().Kernel is { } kernel && llm.ExtractFacts
                ? new KernelFactExtractor(kernel, llm, sp.GetRequiredService<ILogger<KernelFactExtractor>>())
                : new NoFactExtractor();
        });
        return services;
    }

    /// <summary>"Llm", unless only the former "Knowledge:Llm" is set.</summary>
    private static string SectionIn(IConfiguration configuration) =>
        configuration.GetSection(LlmOptions.Section).Exists() || !configuration.GetSection(LlmOptions.FormerSection).Exists()
            ? LlmOptions.Section
            : LlmOptions.FormerSection;

    internal static Kernel CreateKernel(LlmOptions llm, ILoggerFactory loggers)
    {
        var client = new OpenAI.OpenAIClient(new ApiKeyCredential(llm.ApiKey ?? "not-needed"), new OpenAI.OpenAIClientOptions { Endpoint = new Uri(llm.Endpoint!) });
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(loggers);
        builder.AddOpenAIChatClient(llm.Model, client);
        return builder.Build();
    }

    /// <summary>The kernel, or none when no LLM is configured.</summary>
    internal sealed record LlmKernel(Kernel? Kernel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The settings section {Former} is read as {Current}: please rename it")]
    private static partial void LogFormerSection(ILogger logger, string former, string current);
}
