using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.AgentDesk;
using RefundBot.Bot.Cases;
using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.Tests.Cases;

/// <summary>
/// The decision receipt of a case the bot decided in a conversation (MS-1001: €116.71 of €120): made again from its
/// own content it gives the same decision, byte for byte, and it stays under the policy version of the decision after
/// the policy changes.
/// </summary>
public sealed class DecisionReceiptTests : IAsyncLifetime
{
    private const string Key = "masecurite-crm-key";
    private readonly TempDirectory _temp = new();
    private string _content = "";
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _content = System.IO.Path.Combine(_temp.Path, "policy-content");
        CopyDirectory(System.IO.Path.Combine(AppContext.BaseDirectory, "policy-content"), _content);
        _channel = await FakeChannel.StartAsync();
        _bot = StartBot();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_receipt_reproduces_the_decision_byte_for_byte_from_its_own_content()
    {
        var caseId = await DecideMs1001Async("conv-receipt");

        var receipt = await ReceiptAsync(caseId);

        // Only what the receipt says: its policy version, its facts, its instants.
        var policyId = receipt.GetProperty("policy").GetProperty("id").GetString()!;
        var version = receipt.GetProperty("policy").GetProperty("version").GetString()!;
        var facts = receipt.GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("value").GetString()!);
        var instants = Instants(receipt);
        var policy = await _bot.Services.GetRequiredService<PolicyVersions>().FindAsync(policyId, version);
        Assert.NotNull(policy);
        var again = EligibilityEngine.Decide(policy, CaseReceipts.Values(policy, facts), instants);

        Assert.Equal(receipt.GetProperty("decision").GetRawText(), JsonSerializer.Serialize(CaseReceipts.Again(again, policy, facts, instants), CaseReceipts.Json));
        Assert.True(receipt.GetProperty("reproduced").GetBoolean());
        Assert.Equal("partialRefund", receipt.GetProperty("decision").GetProperty("outcome").GetString());
        Assert.Equal(116.71m, receipt.GetProperty("amounts").GetProperty("refund").GetDecimal());
        Assert.Equal(3.29m, receipt.GetProperty("amounts").GetProperty("withheldForUse").GetDecimal());
    }

    [Fact]
    public async Task A_receipt_names_the_rules_tried_in_order_the_facts_sources_and_the_cited_sections_text()
    {
        var caseId = await DecideMs1001Async("conv-contents");

        var receipt = await ReceiptAsync(caseId);

        var tried = receipt.GetProperty("rulesTried").EnumerateArray().ToList();
        var policy = _bot.Services.GetRequiredService<RefundBot.Eligibility.Loading.PolicyCatalog>().Get("masecurite");
        var decidedBy = receipt.GetProperty("decidedBy").GetString();
        Assert.Equal(policy.Rules.Select(r => r.Id).Take(tried.Count), tried.Select(t => t.GetProperty("ruleId").GetString()));
        Assert.All(tried[..^1], t => Assert.Equal("does-not-apply", t.GetProperty("result").GetString()));
        Assert.Equal(("applies", decidedBy), (tried[^1].GetProperty("result").GetString(), tried[^1].GetProperty("ruleId").GetString()));
        Assert.Equal(decidedBy, receipt.GetProperty("decision").GetProperty("ruleId").GetString());

        var amountPaid = receipt.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "amount_paid");
        Assert.Equal(("120", "order-record"), (amountPaid.GetProperty("value").GetString(), amountPaid.GetProperty("source").GetProperty("source").GetString()));
        var sections = receipt.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(receipt.GetProperty("decision").GetProperty("sections").EnumerateArray().Select(s => s.GetString()), sections.Select(s => s.GetProperty("id").GetString()));
        Assert.All(sections, s =>
        {
            Assert.Equal(["en", "fr"], s.GetProperty("text").EnumerateObject().Select(t => t.Name)); // the authoritative (English) text first
            Assert.All(s.GetProperty("text").EnumerateObject(), t => Assert.False(string.IsNullOrWhiteSpace(t.Value.GetProperty("body").GetString())));
        });
        var requested = receipt.GetProperty("instants").GetProperty("requestedAt").GetDateTimeOffset();
        Assert.True(requested <= receipt.GetProperty("instants").GetProperty("decidedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_case_decided_before_a_policy_change_still_gives_its_receipt_under_the_old_version()
    {
        var caseId = await DecideMs1001Async("conv-before-change");
        var before = await VersionServedAsync("masecurite");
        await _bot.DisposeAsync();

        // The business shortens its 30-day window to 7 days: MS-1001, bought 10 days ago, would no longer be refunded so.
        var rules = System.IO.Path.Combine(_content, "masecurite", "policy.yaml");
        File.WriteAllText(rules, "versionLabel: 7-day window\n" + File.ReadAllText(rules).Replace("calendarDays: 30", "calendarDays: 7", StringComparison.Ordinal));
        _bot = StartBot();
        var after = await VersionServedAsync("masecurite");
        Assert.NotEqual(before, after);

        var receipt = await ReceiptAsync(caseId);

        Assert.Equal(before, receipt.GetProperty("policy").GetProperty("version").GetString());
        Assert.False(receipt.GetProperty("policy").TryGetProperty("label", out _));
        Assert.True(receipt.GetProperty("reproduced").GetBoolean());
        Assert.Equal("partialRefund", receipt.GetProperty("decision").GetProperty("outcome").GetString());
        Assert.Equal(116.71m, receipt.GetProperty("amounts").GetProperty("refund").GetDecimal());
        // Under the policy served now, the same facts and instants decide otherwise: the old version is what explains it.
        var current = _bot.Services.GetRequiredService<RefundBot.Eligibility.Loading.PolicyCatalog>().Get("masecurite");
        var facts = receipt.GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.NotEqual(Outcome.PartialRefund, EligibilityEngine.Decide(current, CaseReceipts.Values(current, facts), Instants(receipt)).Outcome);
    }

    [Fact]
    public async Task An_agent_reads_the_receipt_as_a_printable_page_and_no_one_else_does()
    {
        var caseId = await DecideMs1001Async("conv-page");
        var version = await VersionServedAsync("masecurite");
        var http = _bot.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/agent/cases/{caseId}/receipt")).StatusCode);
        var signIn = await http.PostAsJsonAsync("/agent/api/login", new { username = "alice", password = "alice-secret" });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/agent/cases/{caseId}/receipt");
        request.Headers.Add("Cookie", signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        var page = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"Decision receipt · case {caseId}", html, StringComparison.Ordinal);
        Assert.Contains(version, html, StringComparison.Ordinal);
        Assert.Contains("116.71", html, StringComparison.Ordinal);
        Assert.Contains("applies: this rule decided", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote lang=\"fr\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_records_the_policy_version_and_the_instants_its_decision_was_made_under()
    {
        var caseId = await DecideMs1001Async("conv-desk");
        var refundCase = await _bot.Services.GetRequiredService<CaseStore>().FindAsync(caseId);

        Assert.Equal(await VersionServedAsync("masecurite"), refundCase!.Decision!.PolicyVersion!.Hash);
        Assert.Equal(refundCase.RequestInstant, refundCase.Decision.RequestedAt);
    }

    private BotUnderTest StartBot() => BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
    {
        ["Policies:ContentPath"] = _content,
        ["CasesApi:Keys:0:Name"] = "masecurite-crm",
        ["CasesApi:Keys:0:KeyHash"] = CaseApiKeys.HashOf(Key),
        ["CasesApi:Keys:0:Policies:0"] = "masecurite",
        ["AgentDesk:Agents:0:Id"] = "alice",
        ["AgentDesk:Agents:0:DisplayName"] = "Alice",
        ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("alice-secret"),
    });

    /// <summary>The demo order MS-1001 (annual plan, €120, 10 days used) through the conversation to its decision; the case id.</summary>
    private async Task<string> DecideMs1001Async(string conversation)
    {
        await SayAsync(conversation, "refund for order MS-1001, it does not work", "m1", 2);
        await SayAsync(conversation, "yes", "m2", 2);
        var decision = await SayAsync(conversation, "Withdrawing and getting my money back", "m3", 2);
        Assert.StartsWith("**You are eligible for a partial refund of €116.71.**", decision[0].Text);
        var cases = await _bot.Services.GetRequiredService<CaseStore>().ForConversationAsync($"emulator/conversations/{conversation}");
        return Assert.Single(cases).Id;
    }

    private async Task<IReadOnlyList<ReceivedReply>> SayAsync(string conversation, string text, string id, int replies)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(EmulatorActivities.Message(_channel, conversation, text, id))).StatusCode);
        return await _channel.RepliesAsync(replies);
    }

    private async Task<JsonElement> ReceiptAsync(string caseId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{caseId}/receipt");
        request.Headers.Authorization = new("Bearer", Key);
        var answer = await _bot.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<string> VersionServedAsync(string policyId)
    {
        var policies = await _bot.CreateClient().GetFromJsonAsync<JsonElement>("/api/policies");
        return policies.EnumerateArray().Single(p => p.GetProperty("id").GetString() == policyId).GetProperty("version").GetString()!;
    }

    private static DecisionInstants Instants(JsonElement receipt) => new(
        DateTimeOffset.Parse(receipt.GetProperty("instants").GetProperty("requestedAt").GetString()!, CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(receipt.GetProperty("instants").GetProperty("decidedAt").GetString()!, CultureInfo.InvariantCulture));

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, System.IO.Path.Combine(to, System.IO.Path.GetFileName(directory)));
        }
    }
}
