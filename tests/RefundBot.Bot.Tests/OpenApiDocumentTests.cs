using System.Net;
using System.Text.Json;

namespace RefundBot.Bot.Tests;

/// <summary>/openapi/v1.json describes every public API, and only those: not the channels' protocols nor the desk.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_document_lists_the_eligibility_answer_policies_cases_and_privacy_apis()
    {
        await using var bot = new BotUnderTest(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });

        var answer = await bot.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var document = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(
            ["/api/answer", "/api/cases", "/api/cases/{id}", "/api/cases/{id}/receipt", "/api/eligibility", "/api/policies",
             "/api/privacy/conversations/{channelId}/{conversationId}"],
            paths.Keys.Order(StringComparer.Ordinal));
        Assert.True(paths["/api/eligibility"].GetProperty("post").TryGetProperty("requestBody", out _));
        Assert.Equal(["continuation", "from", "limit", "outcome", "policy", "status", "to"],
            paths["/api/cases"].GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.True(paths["/api/cases"].GetProperty("get").TryGetProperty("security", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
    }
}
