using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.AgentDesk;
using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.Tests.Admin;

/// <summary>
/// The business console over its real endpoints: only a signed-in agent with the role RefundBot.Admin opens it (403
/// for one without, 401 or the sign-in page for nobody); the cases it lists, filters and exports as CSV are the ones stored.
/// </summary>
public sealed class AdminConsoleTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private BotUnderTest _bot = null!;

    public Task InitializeAsync()
    {
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["AgentDesk:Agents:0:Id"] = "alice",
            ["AgentDesk:Agents:0:DisplayName"] = "Alice",
            ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("alice-secret"),
            ["AgentDesk:Agents:1:Id"] = "olivia",
            ["AgentDesk:Agents:1:DisplayName"] = "Olivia",
            ["AgentDesk:Agents:1:PasswordHash"] = AgentAccounts.HashPassword("olivia-secret"),
            ["AgentDesk:Agents:1:Roles:0"] = "RefundBot.Admin",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/insights")]
    [InlineData("/admin/api/cases")]
    [InlineData("/admin/api/cases.csv")]
    [InlineData("/admin/api/insights")]
    public async Task An_agent_without_the_admin_role_gets_403(string path)
    {
        var http = await SignedInAsync("alice", "alice-secret");

        var answer = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/agent/api/me")).StatusCode); // still an agent on the desk
    }

    [Fact]
    public async Task Nobody_signed_in_is_sent_to_the_sign_in_page_or_refused()
    {
        var http = _bot.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await http.GetAsync("/admin/insights");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/agent/login", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/admin/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/admin/api/cases.csv")).StatusCode);
    }

    [Fact]
    public async Task An_admin_lists_filters_and_exports_the_stored_cases()
    {
        var now = DateTimeOffset.UtcNow;
        await SeedAsync(
            Case("RB-EN1", now.AddDays(-2), "masecurite", "en", "webchat", refund: 116.71m, currency: "EUR", comment: "Quick, \"clear\", thanks"),
            Case("RB-FR1", now.AddDays(-1), "masecurite", "fr", "msteams"),
            Case("RB-SD1", now.AddDays(-3), "seven-day-services", "en", "webchat"),
            Case("RB-OLD", now.AddDays(-60), "masecurite", "en", "webchat")); // outside the default 30 days
        var http = await SignedInAsync("olivia", "olivia-secret");

        var all = await http.GetFromJsonAsync<JsonElement>("/admin/api/cases");
        var french = await http.GetFromJsonAsync<JsonElement>("/admin/api/cases?policy=masecurite&language=fr");
        var csv = await http.GetAsync("/admin/api/cases.csv?policy=masecurite");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, all.GetProperty("count").GetInt32());
        Assert.Equal(["RB-FR1", "RB-EN1", "RB-SD1"], all.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(["RB-FR1"], french.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType!.ToString());
        Assert.Equal(3, lines.Length); // the header and the two MaSécurité cases of the period
        Assert.StartsWith("case_id,created_at,policy,status,outcome,", lines[0]);
        Assert.Contains(",116.71,EUR,", lines[1]);
        Assert.EndsWith(",5,\"Quick, \"\"clear\"\", thanks\"", lines[1]);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/admin/api/cases?from=yesterday")).StatusCode);
    }

    private async Task SeedAsync(params RefundCase[] cases)
    {
        var store = _bot.Services.GetRequiredService<CaseStore>();
        foreach (var refundCase in cases)
        {
            await store.SaveAsync(refundCase);
        }
    }

    private static RefundCase Case(string id, DateTimeOffset at, string policy, string language, string channel, decimal? refund = null, string? currency = null, string? comment = null) => new()
    {
        Id = id, ConversationKey = $"{channel}/conversations/{id}", CreatedAt = at, Language = language, OrderId = "A-" + id,
        PurchaseDate = DateOnly.FromDateTime(at.UtcDateTime), Reason = "it broke", ReasonCategory = "defective", PolicyId = policy,
        Status = "decided",
        Decision = new CaseDecision(refund is null ? "denied" : "partialRefund", null, [],
            refund is { } amount ? new RefundBreakdown(currency!, 120m, 0, 120m - amount, 0, amount, []) : null, null, []),
        History = [new CaseEvent(at.AddMinutes(3), CaseActor.Bot, "submitted", "decided", "engine")],
        SatisfactionAsked = comment is not null,
        Satisfaction = comment is null ? null : new CaseSatisfaction(5, comment, at.AddMinutes(4)),
    };

    private async Task<HttpClient> SignedInAsync(string username, string password)
    {
        var http = _bot.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync("/agent/api/login", new { username, password })).StatusCode);
        return http;
    }
}
