using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.AgentDesk;
using RefundBot.Bot.Cases;
using RefundBot.Bot.PolicyTools;
using RefundBot.Bot.Tests.PolicyTools;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Bot.Tests.Admin;

/// <summary>
/// The policy studio of the business console over its real endpoints: only an admin opens it, every change needs the
/// page's antiforgery token, a draft shows what <c>policy check</c> finds, one failing an example cannot be published,
/// its backtest says word for word what the command line says, and publishing records who and when, serves the new
/// version at once, and leaves a case decided before explained under its own version.
/// </summary>
public sealed class PolicyStudioTests : IAsyncLifetime
{
    private const string CrmKey = "masecurite-crm-key";
    private readonly TempDirectory _temp = new();
    private BotUnderTest _bot = null!;

    public Task InitializeAsync()
    {
        _bot = StartBot();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("GET", "/admin/studio")]
    [InlineData("GET", "/admin/api/studio/policies")]
    [InlineData("GET", "/admin/api/studio/masecurite")]
    [InlineData("GET", "/admin/api/studio/masecurite/check")]
    [InlineData("GET", "/admin/api/studio/masecurite/backtest?days=30")]
    [InlineData("PUT", "/admin/api/studio/masecurite/draft")]
    [InlineData("POST", "/admin/api/studio/masecurite/publish")]
    public async Task An_agent_without_the_admin_role_gets_403_and_nobody_signed_in_401(string method, string path)
    {
        var agent = await SignedInAsync("alice", "alice-secret");
        var nobody = _bot.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var asAgent = await agent.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });
        var asNobody = await nobody.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
        Assert.Contains(asNobody.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Redirect });
        Assert.Null(await _bot.Services.GetRequiredService<IDocumentStore>().ReadAsync("policy-drafts/masecurite"));
    }

    [Fact]
    public async Task A_change_without_the_pages_token_or_from_another_origin_is_refused_and_saves_nothing()
    {
        var admin = await SignedInAsync("olivia", "olivia-secret");
        var files = (await admin.GetFromJsonAsync<JsonElement>("/admin/api/studio/masecurite")).GetProperty("files").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!);

        var noToken = await admin.PutAsJsonAsync("/admin/api/studio/masecurite/draft", new { eTag = (string?)null, files });
        var token = await TokenAsync(admin);
        using var foreign = new HttpRequestMessage(HttpMethod.Put, "/admin/api/studio/masecurite/draft") { Content = JsonContent.Create(new { eTag = (string?)null, files }) };
        foreign.Headers.Add("X-CSRF-TOKEN", token);
        foreign.Headers.Add("Origin", "https://evil.example");
        var fromElsewhere = await admin.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        Assert.Null(await _bot.Services.GetRequiredService<IDocumentStore>().ReadAsync("policy-drafts/masecurite"));
        admin.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(admin, files, null)).StatusCode); // with the token, from the page: saved
    }

    [Fact]
    public async Task A_draft_with_a_shadowed_rule_shows_the_finding_at_its_file_and_line_as_the_command_line_does()
    {
        var admin = await SignedInAsync("olivia", "olivia-secret");
        var files = await PublishedFilesAsync(admin);
        files["policy.yaml"] = WithShadowedRule(files["policy.yaml"]);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(admin, files, null)).StatusCode);

        var check = await admin.GetFromJsonAsync<JsonElement>("/admin/api/studio/masecurite/check");
        var cli = await CommandLineAsync("check", WriteFolder(files));

        var shadowed = check.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "shadowed-rule");
        Assert.Equal(("masecurite/policy.yaml", "outage-again"), (shadowed.GetProperty("file").GetString(), shadowed.GetProperty("subject").GetString()));
        Assert.Equal(LineOf(files["policy.yaml"], "  - id: outage-again"), shadowed.GetProperty("line").GetInt32());
        Assert.Equal(cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[..^1].Select(l => l.TrimEnd('\r')),
            check.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task A_draft_failing_an_example_cannot_be_published_and_the_answer_says_which_and_why()
    {
        var admin = await SignedInAsync("olivia", "olivia-secret");
        var before = await VersionServedAsync();
        var files = await PublishedFilesAsync(admin);
        files["policy.yaml"] = files["policy.yaml"].Replace("calendarDays: 30", "calendarDays: 14", StringComparison.Ordinal);
        var etag = await SavedETagAsync(admin, files, null);

        var test = await admin.GetFromJsonAsync<JsonElement>("/admin/api/studio/masecurite/test");
        var publish = await PublishAsync(admin, etag);
        var refusals = (await publish.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refusals").EnumerateArray().Select(r => r.GetString()!).ToList();

        var failing = test.GetProperty("examples").EnumerateArray().First(e => !e.GetProperty("passed").GetBoolean());
        Assert.Equal("after-window-fix-first", failing.GetProperty("rule").GetString()); // the rule that decided instead
        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        Assert.Contains(refusals, r => r.Contains("example(s) fail: 30 calendar days from the subscription", StringComparison.Ordinal));
        Assert.Equal(before, await VersionServedAsync());
        Assert.Null(await _bot.Services.GetRequiredService<IDocumentStore>().ReadAsync("policy-live/masecurite"));
    }

    [Fact]
    public async Task A_backtest_through_the_page_reports_what_the_command_line_reports_over_the_same_store()
    {
        await BacktestSeeds.SaveAsync(_bot.Services.GetRequiredService<IDocumentStore>());
        var admin = await SignedInAsync("olivia", "olivia-secret");
        var files = await PublishedFilesAsync(admin);
        files["policy.yaml"] = files["policy.yaml"].Replace("calendarDays: 30", "calendarDays: 14", StringComparison.Ordinal);
        await SavedETagAsync(admin, files, null);

        var page = await admin.GetFromJsonAsync<JsonElement>(
            $"/admin/api/studio/masecurite/backtest?days=45&now={Uri.EscapeDataString(BacktestSeeds.Now.ToString("O", CultureInfo.InvariantCulture))}");
        await _bot.DisposeAsync(); // the command line opens the LiteDB file the bot held
        var cli = await CommandLineAsync("backtest", WriteFolder(files), "--days", "45", "--now", BacktestSeeds.Now.ToString("O", CultureInfo.InvariantCulture),
            "--Storage:Provider=LiteDb", $"--Storage:LiteDbPath={_temp.File("bot.db")}");
        _bot = StartBot();

        Assert.Equal(0, cli.Code);
        Assert.Equal(cli.Output, page.GetProperty("text").GetString());
        BacktestSeeds.AssertReport(page.GetProperty("text").GetString()!);
        Assert.Equal(16, page.GetProperty("changed").GetArrayLength());
        var money = page.GetProperty("money").EnumerateArray().Single();
        Assert.Equal(("EUR", 3720.00m, 1800.00m, -1920.00m), (money.GetProperty("currency").GetString(), money.GetProperty("before").GetDecimal(),
            money.GetProperty("after").GetDecimal(), money.GetProperty("difference").GetDecimal()));
    }

    [Fact]
    public async Task Publishing_records_who_and_when_serves_the_new_version_and_an_old_case_keeps_its_receipt_under_its_own()
    {
        var old = await SeedOutageCaseAsync("RB-OLDVER1");
        var before = await VersionServedAsync();
        var admin = await SignedInAsync("olivia", "olivia-secret");
        var files = await PublishedFilesAsync(admin);
        files["policy.yaml"] = files["policy.yaml"].Replace("so a member of our team will look at yours.", "so one of our advisers will look at yours.", StringComparison.Ordinal);
        var etag = await SavedETagAsync(admin, files, null);

        var published = await PublishAsync(admin, etag);
        var answer = await published.Content.ReadFromJsonAsync<JsonElement>();
        var after = await VersionServedAsync();
        var decision = await (await _bot.CreateClient().PostAsJsonAsync("/api/eligibility", new
        {
            policyId = "masecurite", now = "2026-03-31T12:00:00+02:00", facts = new { request_type = "outage", purchase_date = "2025-06-01" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var receipt = await ReceiptAsync(old);

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(("olivia", "Olivia"), (answer.GetProperty("publishedBy").GetString(), answer.GetProperty("publishedByName").GetString()));
        Assert.True(DateTimeOffset.UtcNow - answer.GetProperty("publishedAt").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
        Assert.NotEqual(before, after);
        Assert.Equal(after, answer.GetProperty("version").GetString());
        Assert.EndsWith("so one of our advisers will look at yours.", decision.GetProperty("explanation").GetProperty("en").GetString());
        var version = await _bot.Services.GetRequiredService<PolicyVersions>().ReadAsync("masecurite", after);
        Assert.Equal(("olivia", "Olivia"), (version!.PublishedBy, version.PublishedByName));
        Assert.Null(await _bot.Services.GetRequiredService<IDocumentStore>().ReadAsync("policy-drafts/masecurite")); // the draft became the version
        Assert.Equal(before, receipt.GetProperty("policy").GetProperty("version").GetString());
        Assert.True(receipt.GetProperty("reproduced").GetBoolean());
        var explainedUnder = await _bot.Services.GetRequiredService<PolicyVersions>().FindAsync("masecurite", before);
        Assert.EndsWith("so a member of our team will look at yours.", explainedUnder!.Rules.Single(r => r.Id == "outage").Explanation["en"]);

        // A restart serves the published version too, over the unchanged folder.
        await _bot.DisposeAsync();
        _bot = StartBot();
        Assert.Equal(after, await VersionServedAsync());
    }

    [Fact]
    public async Task A_zip_of_the_folder_replaces_the_files_it_holds_and_names_what_it_ignored()
    {
        var admin = await SignedInAsync("olivia", "olivia-secret");
        var files = await PublishedFilesAsync(admin);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var writer = new StreamWriter(archive.CreateEntry("masecurite/policy.yaml").Open()))
            {
                await writer.WriteAsync(WithShadowedRule(files["policy.yaml"]));
            }

            archive.CreateEntry("masecurite/logo.png").Open().Dispose();
        }

        using var content = new ByteArrayContent(zip.ToArray());
        content.Headers.ContentType = new("application/zip");
        var uploaded = await admin.PostAsync("/admin/api/studio/masecurite/draft/upload?etag=", content);
        var body = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        var draft = await admin.GetFromJsonAsync<JsonElement>("/admin/api/studio/masecurite");

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal(["masecurite/logo.png"], body.GetProperty("ignored").EnumerateArray().Select(i => i.GetString()));
        Assert.Contains("outage-again", draft.GetProperty("files").GetProperty("policy.yaml").GetString());
        Assert.Equal(files.Count, draft.GetProperty("files").EnumerateObject().Count()); // the other files kept
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/admin/api/studio/masecurite/draft/upload?etag=" + body.GetProperty("eTag").GetString(),
            new ByteArrayContent("not a zip"u8.ToArray()))).StatusCode);
    }

    [Fact]
    public async Task Two_saves_from_the_same_read_conflict_and_the_second_is_not_lost_silently()
    {
        var admin = await SignedInAsync("olivia", "olivia-secret");
        var files = await PublishedFilesAsync(admin);
        var first = await SavedETagAsync(admin, files, null);

        var again = await SaveAsync(admin, files, null);
        var onTop = await SaveAsync(admin, files, first);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onTop.StatusCode);
    }

    /// <summary>The outage rule again, right after it: every case it could decide, the first one decides.</summary>
    internal static string WithShadowedRule(string rules) => rules.Replace("""
          - id: after-window-fix-first
        """, """
          - id: outage-again
            section: outage
            when: { fact: request_type, is: outage }
            outcome: human-review
            explanation:
              en: A member of our team will look at it.
              fr: Un membre de notre équipe va l'examiner.

          - id: after-window-fix-first
        """, StringComparison.Ordinal);

    private async Task<string> SeedOutageCaseAsync(string id)
    {
        var policy = _bot.Services.GetRequiredService<PolicyCatalog>().Get("masecurite");
        var facts = new Dictionary<string, string> { ["request_type"] = "outage", ["purchase_date"] = "2025-06-01" };
        var at = new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.FromHours(2));
        var values = facts.ToDictionary(f => f.Key, f => FactReader.Read(policy.Fact(f.Key)!, f.Value, out _)!);
        var decision = EligibilityEngine.Decide(policy, new FactValues(values), at);
        var submitted = new RefundCase { Id = id, ConversationKey = $"test/{id}", CreatedAt = at, RequestedAt = at, Language = "en", OrderId = "MS-7001", Reason = "outage", PurchaseDate = new DateOnly(2025, 6, 1), ReasonCategory = "other" };
        await _bot.Services.GetRequiredService<CaseStore>().SaveAsync(submitted.WithDecision(policy.Id, facts, decision, at, version: policy.Version)!);
        return id;
    }

    private BotUnderTest StartBot() => BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
    {
        ["CasesApi:Keys:0:Name"] = "masecurite-crm",
        ["CasesApi:Keys:0:KeyHash"] = CaseApiKeys.HashOf(CrmKey),
        ["CasesApi:Keys:0:Policies:0"] = "masecurite",
        ["AgentDesk:Agents:0:Id"] = "alice",
        ["AgentDesk:Agents:0:DisplayName"] = "Alice",
        ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("alice-secret"),
        ["AgentDesk:Agents:1:Id"] = "olivia",
        ["AgentDesk:Agents:1:DisplayName"] = "Olivia",
        ["AgentDesk:Agents:1:PasswordHash"] = AgentAccounts.HashPassword("olivia-secret"),
        ["AgentDesk:Agents:1:Roles:0"] = "RefundBot.Admin",
    });

    private async Task<HttpClient> SignedInAsync(string username, string password)
    {
        var http = _bot.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync("/agent/api/login", new { username, password })).StatusCode);
        return http;
    }

    private static async Task<string> TokenAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/admin/api/studio/token")).GetProperty("token").GetString()!;

    private static async Task<Dictionary<string, string>> PublishedFilesAsync(HttpClient admin)
    {
        var draft = await admin.GetFromJsonAsync<JsonElement>("/admin/api/studio/masecurite");
        if (!admin.DefaultRequestHeaders.Contains("X-CSRF-TOKEN"))
        {
            admin.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await TokenAsync(admin));
        }

        return draft.GetProperty("files").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!);
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient admin, Dictionary<string, string> files, string? etag) =>
        admin.PutAsJsonAsync("/admin/api/studio/masecurite/draft", new { eTag = etag, files });

    private static async Task<string> SavedETagAsync(HttpClient admin, Dictionary<string, string> files, string? etag)
    {
        var saved = await SaveAsync(admin, files, etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eTag").GetString()!;
    }

    private static Task<HttpResponseMessage> PublishAsync(HttpClient admin, string etag) =>
        admin.PostAsJsonAsync("/admin/api/studio/masecurite/publish", new { eTag = etag });

    private async Task<string> VersionServedAsync()
    {
        var policies = await _bot.CreateClient().GetFromJsonAsync<JsonElement>("/api/policies");
        return policies.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "masecurite").GetProperty("version").GetString()!;
    }

    private async Task<JsonElement> ReceiptAsync(string caseId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{caseId}/receipt");
        request.Headers.Authorization = new("Bearer", CrmKey);
        var answer = await _bot.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The draft's files in a folder named for the policy, as the command line reads a draft.</summary>
    private string WriteFolder(Dictionary<string, string> files)
    {
        var folder = Path.Combine(_temp.Path, "cli-" + Guid.NewGuid().ToString("N")[..8], "masecurite");
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }

        return folder;
    }

    private static async Task<(int Code, string Output)> CommandLineAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await PolicyCommand.RunAsync(args, output);
        return (code, output.ToString());
    }

    private static int LineOf(string text, string line) => text.Split('\n').ToList().FindIndex(l => l == line) + 1;
}
