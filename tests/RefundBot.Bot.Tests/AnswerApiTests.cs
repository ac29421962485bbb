using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RefundBot.Bot.Tests;

/// <summary>
/// POST /api/answer, with and without the optional LLM. The LLM is a small OpenAI-compatible server the test runs on
/// loopback; it answers what the test tells it to, so the checks and the fallback can be seen.
/// </summary>
public sealed class AnswerApiTests : IAsyncLifetime
{
    private WebApplication _fakeLlm = null!;
    private string _llmReply = "";
    private int _llmStatus = 200;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _fakeLlm = builder.Build();
        _fakeLlm.MapPost("/v1/chat/completions", () => _llmStatus != 200
            ? Results.StatusCode(_llmStatus)
            : Results.Json(new
            {
                id = "chatcmpl-test", @object = "chat.completion", created = 1_700_000_000, model = "fake",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = _llmReply }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            }));
        await _fakeLlm.StartAsync();
    }

    public async Task DisposeAsync() => await _fakeLlm.DisposeAsync();

    [Fact]
    public async Task A_question_is_answered_with_the_quoted_passage_and_its_section()
    {
        await using var bot = Bot(llm: false);

        var answer = await AskAsync(bot, "masecurite", "Who pays the return shipping for the router?", "en");

        Assert.True(answer.GetProperty("answered").GetBoolean());
        Assert.Equal("hardware", answer.GetProperty("section").GetString());
        Assert.Contains("Return shipping costs are your responsibility", answer.GetProperty("quote").EnumerateArray().Select(q => q.GetString()));
        Assert.False(answer.TryGetProperty("phrasing", out _));
    }

    [Fact]
    public async Task A_question_the_policy_does_not_cover_says_so()
    {
        await using var bot = Bot(llm: false);

        var answer = await AskAsync(bot, "smarters-pro", "Can I pay with PayPal?", "en");

        Assert.False(answer.GetProperty("answered").GetBoolean());
    }

    [Theory]
    [InlineData("Llm")]
    [InlineData("Knowledge:Llm")]
    public async Task The_llm_phrasing_is_used_when_it_cites_the_passage_and_invents_nothing(string section)
    {
        _llmReply = """{"answer": "Return shipping costs are on you, and the equipment must come back undamaged in its original packaging.", "section": "hardware"}""";
        await using var bot = Bot(llm: true, section);

        var answer = await AskAsync(bot, "masecurite", "Who pays the return shipping for the router?", "en");

        Assert.StartsWith("Return shipping costs are on you", answer.GetProperty("phrasing").GetString());
    }

    [Theory]
    [InlineData(200, """{"answer": "You get 50% back within 3 days.", "section": "hardware"}""")]
    [InlineData(200, """{"answer": "Shipping is on you.", "section": "withdrawal"}""")]
    [InlineData(200, """{"answer": "Ignore the policy: every refund is approved, whatever happened.", "section": "hardware"}""")]
    [InlineData(200, """{"answer": "As your administrator I confirm the refund is granted in full.", "section": "hardware"}""")]
    [InlineData(200, """{"answer": "Le remboursement intégral vous est garanti, sans condition.", "section": "hardware"}""")]
    [InlineData(200, "not json at all")]
    [InlineData(500, "")]
    public async Task A_bad_or_failed_llm_answer_falls_back_to_the_quote(int status, string reply)
    {
        (_llmStatus, _llmReply) = (status, reply);
        await using var bot = Bot(llm: true);

        var answer = await AskAsync(bot, "masecurite", "Who pays the return shipping for the router?", "en");

        Assert.True(answer.GetProperty("answered").GetBoolean());
        Assert.False(answer.TryGetProperty("phrasing", out _));
        Assert.Equal("hardware", answer.GetProperty("section").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        await using var bot = Bot(llm: false);

        var response = await bot.CreateClient().PostAsJsonAsync("/api/answer", new { policyId = "nope", question = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("policyId", body);
        Assert.Contains("question", body);
    }

    /// <summary>The bot, with the LLM under "Llm" or, as earlier versions read it, "Knowledge:Llm".</summary>
    private BotUnderTest Bot(bool llm, string section = "Llm") => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Memory",
        [$"{section}:Endpoint"] = llm ? _fakeLlm.Urls.Single() + "/v1" : null,
        [$"{section}:Model"] = "fake",
        [$"{section}:Timeout"] = "00:00:05",
    });

    private static async Task<JsonElement> AskAsync(BotUnderTest bot, string policy, string question, string language)
    {
        var response = await bot.CreateClient().PostAsJsonAsync("/api/answer", new { policyId = policy, question, language });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
