using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RefundBot.Eligibility.Model;

namespace RefundBot.Knowledge.Answers;

/// <summary>
/// Answers a policy question: the extractive answer always, and, when an LLM is configured, a phrasing of it from the
/// retrieved passages only. The phrasing is used only if it passes the checks (it cites the passage it was given, every
/// number in it appears in the passage, and most of its words come from the passage, so an instruction slipped into a
/// question cannot make it promise what the policy does not say); on a failure, a timeout or a failed check the
/// extractive quote stands.
/// The LLM never decides whether the policy covers the question, and never decides eligibility.
/// </summary>
public sealed partial class PolicyAnswers(ExtractiveAnswerer extractive, ILogger<PolicyAnswers> logger, IChatClient? llm = null, TimeSpan? llmTimeout = null)
{
    public async Task<PolicyAnswer> AnswerAsync(Policy policy, string language, string question, CancellationToken cancellationToken)
    {
        var answer = extractive.Answer(policy.Id, language, question);
        if (!answer.Answered || llm is null)
        {
            return answer;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(llmTimeout ?? TimeSpan.FromSeconds(8));
            var phrased = await PhraseAsync(llm, answer, question, language, timeout.Token);
            return phrased is null ? answer : answer with { Phrasing = phrased };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFallback(logger, exception.GetType().Name);
            return answer;
        }
    }

    private async Task<string?> PhraseAsync(IChatClient client, PolicyAnswer answer, string question, string language, CancellationToken cancellationToken)
    {
        var passage = answer.Passages.First(p => p.SectionId == answer.SectionId);
        var response = await client.GetResponseAsync(
        [
            new ChatMessage(ChatRole.System,
                "You answer customers' questions about a refund policy using ONLY the passage given. Answer in the customer's language "
                + $"({(language == "fr" ? "French" : "English")}), in at most two sentences, without adding facts, numbers or promises. "
                + "Reply with JSON only: {\"answer\": \"...\", \"section\": \"<the passage id>\"}. "
                + "If the passage does not answer the question, reply {\"answer\": \"\", \"section\": \"\"}."),
            new ChatMessage(ChatRole.User, $"Passage id: {passage.SectionId}\nPassage:\n{passage.Heading}\n{passage.Body}\n\nQuestion: {question}"),
        ], cancellationToken: cancellationToken);
        return Checked(response.Text, passage, language);
    }

    /// <summary>The share of a phrasing's meaningful words that must come from the passage.</summary>
    public const double MinGrounding = 0.6;

    /// <summary>The phrasing when it cites the passage, invents no number and keeps to the passage's words, else null.</summary>
    public string? Checked(string reply, Retrieval.Passage passage, string language)
    {
        var json = reply.Trim().Trim('`');
        json = json.StartsWith("json", StringComparison.OrdinalIgnoreCase) ? json[4..] : json;
        using var document = JsonDocument.Parse(json);
        var text = document.RootElement.GetProperty("answer").GetString() ?? "";
        var section = document.RootElement.GetProperty("section").GetString();
        var source = passage.Heading + "\n" + passage.Body;
        var inventedNumber = Number().Matches(text).Any(m => !source.Contains(m.Value, StringComparison.Ordinal));
        return text.Length > 0 && section == passage.SectionId && !inventedNumber
            && extractive.Grounding(language, text, passage) >= MinGrounding
            ? text
            : null;
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)?")]
    private static partial Regex Number();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The LLM phrasing was not used ({Reason}); the extractive answer stands")]
    private static partial void LogFallback(ILogger logger, string reason);
}
