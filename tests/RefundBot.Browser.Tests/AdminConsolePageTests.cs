using Microsoft.Playwright;
using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Model;

namespace RefundBot.Browser.Tests;

/// <summary>
/// Issue 24's business console on the real pages: an admin signs in, the insights page shows the numbers of a seeded
/// set of cases (each checked against what was seeded), the Chart.js charts draw under the console's CSP, and the CSV
/// export downloads with one line per case.
/// </summary>
[Collection(ChatPageCollection.Name)]
public sealed class AdminConsolePageTests(ChatPageFixture site) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _consoleErrors = [];

    public async Task InitializeAsync()
    {
        await site.ForgetCasesAsync();
        _context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, AcceptDownloads = true });
        _context.SetDefaultTimeout(15_000);
        _page = await _context.NewPageAsync();
        // What the console's CSP refuses is reported on the console; a script that fails throws a page error.
        _page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _consoleErrors.Add(message.Text);
            }
        };
        _page.PageError += (_, error) => _consoleErrors.Add(error);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await site.ForgetCasesAsync();
    }

    [Fact]
    public async Task An_admin_sees_the_seeded_numbers_on_the_insights_page_and_exports_every_case()
    {
        var now = DateTimeOffset.UtcNow;
        await site.SaveCasesAsync(
        [
            // Decided by the bot 12 and 11 days ago, never touched by a person: automated (2 of the 3 judged).
            Case("RB-SEED0001", now.AddDays(-12), "masecurite", "fullRefund", refund: 116.71m, currency: "EUR", rating: 5, comment: "Clear, and fast"),
            Case("RB-SEED0002", now.AddDays(-11), "seven-day-services", "denied", rating: 2),
            // A person decided 10 days ago: judged, not automated; escalated 5 minutes in, an agent joined 20 minutes later.
            Case("RB-SEED0003", now.AddDays(-10), "masecurite", "humanReview") with
            {
                Status = "approved", EscalatedAt = now.AddDays(-10).AddMinutes(5), EscalationReason = "human-review", AgentJoinedAt = now.AddDays(-10).AddMinutes(25),
                AgentDecision = new AgentDecision { Outcome = "partial", Amount = 30m, Currency = "EUR", AgentId = "alice", AgentName = "Alice", At = now.AddDays(-10).AddHours(1) },
            },
            // Decided 2 days ago: not judged yet. Still gathering facts: no decision.
            Case("RB-SEED0004", now.AddDays(-2), "smarters-pro", "fullRefund", refund: 59.99m, currency: "USD"),
            Case("RB-SEED0005", now.AddDays(-1), "masecurite", null, language: "fr"),
        ]);

        await _page.GotoAsync(site.BaseUrl + "/admin/insights");
        await _page.GetByLabel("Username").FillAsync(ChatPageFixture.AdminName.ToLowerInvariant());
        await _page.GetByLabel("Password").FillAsync(ChatPageFixture.AdminPassword);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _page.WaitForURLAsync("**/admin/insights**");

        await Assertions.Expect(_page.Locator("#total")).ToHaveTextAsync("5");
        await Assertions.Expect(_page.Locator("#automated")).ToHaveTextAsync("66.7 % (2/3)");
        await Assertions.Expect(_page.Locator("#escalation")).ToHaveTextAsync("20.0 % (1)");
        await Assertions.Expect(_page.Locator("#agent-time")).ToHaveTextAsync("20.0 min");
        await Assertions.Expect(_page.Locator("#satisfaction")).ToHaveTextAsync("3.50 / 5");
        await Assertions.Expect(_page.Locator("#not-judged")).ToHaveTextAsync("1");
        await Assertions.Expect(_page.Locator("#refunds tbody tr")).ToHaveTextAsync(["masecurite" + "EUR" + "2" + "146.71", "smarters-pro" + "USD" + "1" + "59.99"]);
        await Assertions.Expect(_page.Locator("#comments li")).ToHaveTextAsync(["5/5, RB-SEED0001: Clear, and fast"]);
        Assert.True(await _page.Locator("#per-day").EvaluateAsync<bool>("canvas => Chart.getChart(canvas) !== undefined"), "the requests-per-day chart was drawn");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, "admin-insights-1280.png"), FullPage = true });

        await _page.GetByRole(AriaRole.Link, new() { Name = "Cases" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#cases tbody tr")).ToHaveCountAsync(5);
        var download = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync(await download.PathAsync());

        Assert.Equal(6, csv.Length); // the header and the five cases
        Assert.StartsWith("case_id,", csv[0].TrimStart('\uFEFF'));
        Assert.Contains(csv, line => line.StartsWith("RB-SEED0001,", StringComparison.Ordinal) && line.Contains(",116.71,EUR,") && line.EndsWith(",5,\"Clear, and fast\""));
        Assert.Empty(_consoleErrors); // no script or style refused by the console's Content Security Policy
    }

    private static RefundCase Case(string id, DateTimeOffset at, string policy, string? outcome, decimal? refund = null, string? currency = null,
        int? rating = null, string? comment = null, string language = "en") => new()
    {
        Id = id, ConversationKey = "directline/conversations/" + id, CreatedAt = at, Language = language, OrderId = "A-" + id[^4..],
        PurchaseDate = DateOnly.FromDateTime(at.UtcDateTime), Reason = "it broke", ReasonCategory = "defective", PolicyId = policy,
        Status = outcome switch { null => "submitted", "humanReview" => "human-review", _ => "decided" },
        Decision = outcome is null ? null : new CaseDecision(outcome, null, [],
            refund is { } amount ? new RefundBreakdown(currency!, amount, 0, 0, 0, amount, []) : null, null, []),
        History = outcome is null ? [] : [new CaseEvent(at.AddMinutes(3), CaseActor.Bot, "submitted", outcome == "humanReview" ? "human-review" : "decided", "engine")],
        SatisfactionAsked = rating is not null,
        Satisfaction = rating is { } r ? new CaseSatisfaction(r, comment, at.AddMinutes(4)) : null,
    };
}
