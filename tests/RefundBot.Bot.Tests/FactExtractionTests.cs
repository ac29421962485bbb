using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefundBot.Dialogs.Refund;

namespace RefundBot.Bot.Tests;

/// <summary>
/// The optional LLM reading facts from a long first message ("Llm"), against a small OpenAI-compatible server on
/// loopback that replies what the test tells it. What it proposes counts only when the recognizers read the same
/// value from the customer's quoted words; a policy fact read that way is confirmed before the decision uses it;
/// off, failing, slow or talking nonsense, the conversation is exactly the one without it.
/// </summary>
public sealed class FactExtractionTests : IAsyncLifetime
{
    private const string LongEnglish =
        "Hi there, I'd like a refund for order A-1234 please. I subscribed yesterday and since then the connection keeps "
        + "dropping every evening, it's unusable. I paid 120 € for the subscription plus 30 € for the installation.";

    private const string LongFrench =
        "Bonjour, je voudrais être remboursé pour la commande A-1234. Je me suis abonné hier et depuis le service ne "
        + "fonctionne pas, la connexion coupe tous les soirs. J'ai payé 120 € pour l'abonnement et 30 € pour l'installation.";

    private WebApplication _fakeLlm = null!;
    private string _llmReply = "";
    private int _llmStatus = 200;
    private TimeSpan _llmDelay = TimeSpan.Zero;
    private int _llmCalls;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _fakeLlm = builder.Build();
        _fakeLlm.MapPost("/v1/chat/completions", async () =>
        {
            Interlocked.Increment(ref _llmCalls);
            await Task.Delay(_llmDelay);
            return _llmStatus != 200
                ? Results.StatusCode(_llmStatus)
                : Results.Json(new
                {
                    id = "chatcmpl-test", @object = "chat.completion", created = 1_700_000_000, model = "fake",
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = _llmReply }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
                });
        });
        await _fakeLlm.StartAsync();
    }

    public async Task DisposeAsync() => await _fakeLlm.DisposeAsync();

    /// <summary>The amount is stated, but the policy has three money facts: the recognizers alone cannot tell which it is.</summary>
    private static string Reply(string amountQuote, string feeQuote) => JsonSerializer.Serialize(new
    {
        facts = new Dictionary<string, object>
        {
            ["orderId"] = new { value = "A-1234", quote = "A-1234" },
            ["amount_paid"] = new { value = "120", quote = amountQuote },
            // Not what the customer wrote (30, not 300): dropped.
            ["installation_fee"] = new { value = "300", quote = feeQuote },
            // Never said: dropped.
            ["hardware_value"] = new { value = "500", quote = "my router cost 500 €" },
        },
    });

    [Fact]
    public async Task The_llm_is_off_by_default()
    {
        await using var bot = Bot(llm: false);

        Assert.IsType<NoFactExtractor>(bot.Services.GetRequiredService<IFactExtractor>());
        var texts = await ConverseAsync(bot, "en-US", LongEnglish);

        Assert.Equal(0, _llmCalls);
        Assert.Contains(texts, t => t.Contains("A-1234", StringComparison.Ordinal));
    }

    private const string AmountQuestion = "How much did you pay for the subscription itself";

    [Fact]
    public async Task A_long_english_message_is_read_and_an_amount_it_states_is_confirmed_when_the_decision_needs_it()
    {
        _llmReply = Reply("I paid 120 € for the subscription", "30 € for the installation");
        await using var bot = Bot(llm: true);

        var texts = await ConverseAsync(bot, "en-US", LongEnglish, "yes", "refund", "no");

        Assert.Equal("You wrote `I paid 120 € for the subscription`. For “How much did you pay for the subscription itself, without any "
            + "installation fee?” I have noted: 120.00. Is that right?", texts[^1]);
        Assert.DoesNotContain(texts, t => t.Contains(AmountQuestion, StringComparison.Ordinal) && !t.StartsWith("You wrote", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_confirmed_amount_is_not_asked_again_and_a_value_the_customer_did_not_write_is_asked()
    {
        _llmReply = Reply("I paid 120 € for the subscription", "30 € for the installation");
        await using var bot = Bot(llm: true);

        var texts = await ConverseAsync(bot, "en-US", LongEnglish, "yes", "refund", "no", "yes");

        // The fee was proposed as 300 from words that say 30: dropped, so it is asked like any fact.
        Assert.Equal("How much did you pay for installation and initial configuration? Write 0 if you did not use that service.", texts[^1]);
        Assert.Single(texts, t => t.Contains(AmountQuestion, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_value_the_customer_declines_is_asked_as_the_plain_question()
    {
        _llmReply = Reply("I paid 120 € for the subscription", "30 € for the installation");
        await using var bot = Bot(llm: true);

        var texts = await ConverseAsync(bot, "en-US", LongEnglish, "yes", "refund", "no", "no");

        Assert.StartsWith(AmountQuestion, texts[^1]);
    }

    [Fact]
    public async Task A_long_french_message_is_read_and_confirmed_in_french()
    {
        _llmReply = Reply("J'ai payé 120 € pour l'abonnement", "30 € pour l'installation");
        await using var bot = Bot(llm: true);

        var texts = await ConverseAsync(bot, "fr-FR", LongFrench, "oui", "remboursement", "non");

        Assert.StartsWith("Vous avez écrit `J'ai payé 120 € pour l'abonnement`. Pour «\u00A0Combien avez-vous payé", texts[^1]);
        Assert.EndsWith("j'ai noté\u00A0: 120,00. Est-ce bien cela\u00A0?", texts[^1]);
    }

    [Fact]
    public async Task A_long_answer_to_a_policy_question_is_read_too()
    {
        _llmReply = Reply("I paid 120 € for the subscription", "30 € for the installation");
        await using var bot = Bot(llm: true);

        var texts = await ConverseAsync(bot, "en-US", "refund for order A-1234 bought yesterday, it doesn't work", "yes",
            "It's a refund I want, and for the record I paid 120 € for the subscription and 30 € for the installation", "no");

        Assert.StartsWith("You wrote `I paid 120 € for the subscription`.", texts[^1]);
    }

    /// <summary>Each way the LLM can fail leaves the conversation as it is without it: the amount is asked.</summary>
    /// <summary>
    /// The extractor quotes the order ID as the purchase date: the date recognizer would read "A-123456" as 6 May 1234,
    /// but an order ID's digits are not a date, so the candidate is dropped and the date is asked.
    /// </summary>
    [Fact]
    public async Task An_order_id_quoted_as_the_purchase_date_is_not_a_date()
    {
        _llmReply = JsonSerializer.Serialize(new { facts = new { purchaseDate = new { value = "1234-05-06", quote = "A-123456" } } });
        await using var bot = Bot(llm: true);

        var texts = await ConverseAsync(bot, "en-US",
            "Hi there, I'd like a refund for order A-123456 please. Since then the connection keeps dropping every evening, it's unusable.");

        Assert.True(_llmCalls > 0);
        Assert.Contains(texts, t => t.StartsWith("When did you buy it?", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("quote not in the message", 200, "I paid 200 € for the subscription", 0)]
    [InlineData("value not in its quote", 200, "", 0)]
    [InlineData("server error", 500, "", 0)]
    [InlineData("not json", 200, "Sure! The customer paid 120 euros.", 0)]
    [InlineData("json of another shape", 200, """{"facts": ["amount_paid", 120]}""", 0)]
    [InlineData("timeout", 200, "", 3)]
    public async Task A_failed_slow_or_wrong_reading_falls_back_to_the_plain_conversation(string why, int status, string reply, int delaySeconds)
    {
        (_llmStatus, _llmDelay) = (status, TimeSpan.FromSeconds(delaySeconds));
        _llmReply = why switch
        {
            "quote not in the message" => Reply(reply, "30 € for the installation"),
            "value not in its quote" => JsonSerializer.Serialize(new { facts = new { amount_paid = new { value = "120", quote = "30 € for the installation" } } }),
            _ => reply,
        };
        await using var bot = Bot(llm: true, timeout: "00:00:01");

        var texts = await ConverseAsync(bot, "en-US", LongEnglish, "yes", "refund", "no");

        Assert.True(_llmCalls > 0, why);
        Assert.StartsWith(AmountQuestion, texts[^1]);
    }

    private BotUnderTest Bot(bool llm, string? timeout = null) => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Memory",
        ["DirectLine:Secret"] = DirectLineClient.Secret,
        ["Llm:Endpoint"] = llm ? _fakeLlm.Urls.Single() + "/v1" : null,
        ["Llm:Model"] = "fake",
        ["Llm:ExtractionTimeout"] = timeout ?? "00:00:05",
    });

    /// <summary>A Direct Line conversation in the masecurite policy: the bot's replies, in order, after each message.</summary>
    private static async Task<List<string>> ConverseAsync(BotUnderTest bot, string locale, params string[] messages)
    {
        var client = new DirectLineClient(bot.CreateClient());
        var issued = await DirectLineClient.JsonAsync(await client.Http.PostAsJsonAsync("/api/chat/token", new { policy = "masecurite", locale }));
        var (conversationId, token) = (issued.GetProperty("conversationId").GetString()!, issued.GetProperty("token").GetString()!);
        await client.StartAsync(conversationId, token);
        var path = $"/v3/directline/conversations/{conversationId}/activities";
        var seen = 1;
        foreach (var message in messages)
        {
            await client.SendAsync(HttpMethod.Post, path, token, new
            {
                type = "message", text = message, locale, from = new { id = "user-1" },
                channelData = new { clientActivityID = "client-" + Guid.NewGuid().ToString("N") },
            });
            seen = (await client.WaitForActivitiesAsync(conversationId, token, seen + 2)).Count;
            await Task.Delay(300);
        }

        var all = await client.WaitForActivitiesAsync(conversationId, token, seen);
        return all.Where(a => a.GetProperty("from").GetProperty("id").GetString() != "user-1")
            .Select(a => a.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "").ToList();
    }
}
