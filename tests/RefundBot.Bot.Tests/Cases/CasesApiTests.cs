using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.Cases;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests.Cases;

/// <summary>
/// GET /api/cases and /api/cases/{id} for the business's own systems: a key (configured only as its hash) reads its own
/// policies' cases, filtered and paged in a stable order; no key is 401, another business's case or policy is 403.
/// </summary>
public sealed class CasesApiTests : IAsyncLifetime
{
    private const string SecuriteKey = "masecurite-crm-key";
    private const string GroupKey = "group-key-two-policies";
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["CasesApi:Keys:0:Name"] = "masecurite-crm",
            ["CasesApi:Keys:0:KeyHash"] = CaseApiKeys.HashOf(SecuriteKey),
            ["CasesApi:Keys:0:Policies:0"] = "masecurite",
            ["CasesApi:Keys:1:Name"] = "group",
            ["CasesApi:Keys:1:KeyHash"] = CaseApiKeys.HashOf(GroupKey),
            ["CasesApi:Keys:1:Policies:0"] = "masecurite",
            ["CasesApi:Keys:1:Policies:1"] = "necxian",
        });
        var store = _bot.Services.GetRequiredService<IDocumentStore>();
        var at = SeededCases.Start;
        RefundCase[] cases =
        [
            SeededCases.Case("RB-0000000A", "masecurite", at.AddDays(1)),
            SeededCases.Case("RB-0000000B", "necxian", at.AddDays(2), CaseStatus.HumanReview, "humanReview"),
            SeededCases.Case("RB-0000000C", "masecurite", at.AddDays(3), CaseStatus.Denied, "denied") with
            {
                AgentDecision = new AgentDecision("deny", "Sorry.", "alice", "Alice", at.AddDays(3)) { InternalNote = "suspected abuse" },
            },
            SeededCases.Case("RB-0000000D", "masecurite", at.AddDays(4)),
            SeededCases.Case("RB-0000000E", "necxian", at.AddDays(5)),
            SeededCases.Case("RB-0000000F", "tech-services", at.AddDays(6)),
        ];
        foreach (var refundCase in cases)
        {
            await store.WriteAsync("cases/" + refundCase.Id, SeededCases.Json(refundCase), null);
        }
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("/api/cases")]
    [InlineData("/api/cases/RB-0000000A")]
    [InlineData("/api/cases/RB-0000000A/receipt")]
    public async Task Without_a_key_or_with_an_unknown_one_the_answer_is_401_with_a_bearer_challenge(string path)
    {
        var none = await GetAsync(path, key: null);
        var unknown = await GetAsync(path, "a-guess");
        var hashInstead = await GetAsync(path, CaseApiKeys.HashOf(SecuriteKey)); // the configured hash is not a key

        Assert.All([none, unknown, hashInstead], answer =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Equal("Bearer", answer.Headers.WwwAuthenticate.Single().Scheme);
        });
    }

    [Fact]
    public async Task A_key_lists_only_its_own_policies_cases_oldest_request_first()
    {
        var list = await ListAsync("/api/cases", SecuriteKey);

        Assert.Equal(["RB-0000000A", "RB-0000000C", "RB-0000000D"], Ids(list));
        Assert.Null(Continuation(list)); // the last page
        Assert.Equal(["RB-0000000A", "RB-0000000B", "RB-0000000C", "RB-0000000D", "RB-0000000E"], Ids(await ListAsync("/api/cases", GroupKey)));
    }

    [Fact]
    public async Task Another_business_s_case_or_policy_is_403_and_an_unknown_case_404()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/cases/RB-0000000B", SecuriteKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/cases/RB-0000000B/receipt", SecuriteKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/cases?policy=necxian", SecuriteKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/cases/RB-NOSUCH00", SecuriteKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/cases/RB-0000000B", GroupKey)).StatusCode);
    }

    [Fact]
    public async Task Pages_follow_the_continuation_and_hold_every_case_once()
    {
        var ids = new List<string>();
        var path = "/api/cases?limit=2";
        var pages = 0;
        while (path is not null && pages++ < 10)
        {
            var page = await ListAsync(path, GroupKey);
            Assert.True(Ids(page).Count <= 2);
            ids.AddRange(Ids(page));
            path = Continuation(page) is { } next ? $"/api/cases?limit=2&continuation={Uri.EscapeDataString(next)}" : null;
        }

        Assert.Equal(["RB-0000000A", "RB-0000000B", "RB-0000000C", "RB-0000000D", "RB-0000000E"], ids);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Filters_by_policy_status_outcome_and_request_dates_combine()
    {
        Assert.Equal(["RB-0000000B", "RB-0000000E"], Ids(await ListAsync("/api/cases?policy=necxian", GroupKey)));
        Assert.Equal(["RB-0000000B"], Ids(await ListAsync("/api/cases?status=human-review", GroupKey)));
        Assert.Equal(["RB-0000000C"], Ids(await ListAsync("/api/cases?outcome=deny", GroupKey))); // a person's decision stands
        Assert.Equal(["RB-0000000A", "RB-0000000D", "RB-0000000E"], Ids(await ListAsync("/api/cases?outcome=fullRefund", GroupKey)));
        Assert.Equal(["RB-0000000C", "RB-0000000D"], Ids(await ListAsync("/api/cases?from=2026-03-04&to=2026-03-05&policy=masecurite", GroupKey)));
        Assert.Equal(["RB-0000000D"], Ids(await ListAsync("/api/cases?from=2026-03-04T10:00:00Z&to=2026-03-05T09:00:00Z", GroupKey)));
    }

    [Fact]
    public async Task Bad_filters_are_a_400_naming_each_field()
    {
        var answer = await GetAsync("/api/cases?status=lost&outcome=maybe&from=yesterday&to=2026-13-01&limit=0&continuation=not-ours", GroupKey);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["continuation", "from", "limit", "outcome", "status", "to"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_case_shows_its_facts_decisions_and_history_but_not_the_internal_note_or_the_e_mail()
    {
        var answer = await GetAsync("/api/cases/RB-0000000C", SecuriteKey);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var json = await answer.Content.ReadAsStringAsync();
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(("RB-0000000C", "masecurite", "denied", "deny"),
            (root.GetProperty("id").GetString(), root.GetProperty("policyId").GetString(), root.GetProperty("status").GetString(), root.GetProperty("outcome").GetString()));
        Assert.Equal("denied", root.GetProperty("decision").GetProperty("outcome").GetString());
        Assert.Equal(("test", "rb-0000000c"), (root.GetProperty("conversation").GetProperty("channelId").GetString(), root.GetProperty("conversation").GetProperty("conversationId").GetString()));
        Assert.DoesNotContain("suspected abuse", json, StringComparison.Ordinal);
        Assert.DoesNotContain("contactEmail", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_decided_before_receipts_were_recorded_has_no_receipt_and_says_why()
    {
        var answer = await GetAsync("/api/cases/RB-0000000A/receipt", SecuriteKey); // its decision names no policy version

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("This case was decided before decisions recorded their policy version, facts and instants.", problem.GetProperty("detail").GetString());
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        return await _bot.CreateClient().SendAsync(request);
    }

    private async Task<JsonElement> ListAsync(string path, string key)
    {
        var answer = await GetAsync(path, key);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
    }

    private static List<string> Ids(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    private static string? Continuation(JsonElement list) =>
        list.TryGetProperty("continuation", out var continuation) ? continuation.GetString() : null;
}
