using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RefundBot.Bot.Tests;

/// <summary>What Web Chat (and a business's server, with the secret) does over Direct Line, for the tests.</summary>
internal sealed class DirectLineClient(HttpClient http)
{
    public const string Secret = "test-direct-line-secret";

    public HttpClient Http => http;

    /// <summary>A conversation from the chat page's token endpoint (as a page of <paramref name="origin"/>, when given).</summary>
    public async Task<(string ConversationId, string Token)> NewConversationAsync(string? origin = null, object? body = null)
    {
        var issued = await JsonAsync(await IssueAsync(origin, body ?? new { }));
        return (issued.GetProperty("conversationId").GetString()!, issued.GetProperty("token").GetString()!);
    }

    public async Task<HttpResponseMessage> IssueAsync(string? origin, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/token") { Content = JsonContent.Create(body) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Starts the conversation and waits for the bot's greeting.</summary>
    public async Task StartAsync(string conversationId, string token)
    {
        await JsonAsync(await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token));
        await WaitForActivitiesAsync(conversationId, token, count: 1);
    }

    public Task<HttpResponseMessage> GetActivitiesAsync(string conversationId, string bearer, string? watermark = null) =>
        SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities"
            + (watermark is null ? "" : $"?watermark={Uri.EscapeDataString(watermark)}"), bearer);

    public Task<HttpResponseMessage> PostMessageAsync(string conversationId, string token, string text) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, Message(text));

    public async Task<List<JsonElement>> WaitForActivitiesAsync(string conversationId, string bearer, int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var set = await JsonAsync(await GetActivitiesAsync(conversationId, bearer));
            var activities = set.GetProperty("activities").EnumerateArray().ToList();
            if (activities.Count >= count)
            {
                return activities;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"fewer than {count} activities arrived");
    }

    /// <summary>A message as Web Chat posts it: each has its own clientActivityID, kept when Web Chat sends it again.</summary>
    public static object Message(string text, string? clientActivityId = null) => new
    {
        type = "message",
        text,
        from = new { id = "user-1" },
        locale = "en-US",
        channelData = new { clientActivityID = clientActivityId ?? "client-" + Guid.NewGuid().ToString("N") },
    };

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task AssertProblemAsync(HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }
}
