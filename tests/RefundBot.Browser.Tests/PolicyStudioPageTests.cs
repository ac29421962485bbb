using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RefundBot.Dialogs.Cases;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Browser.Tests;

/// <summary>
/// The policy studio on the real page, with a bot of its own (publishing changes the policy it serves): an admin edits
/// MaSécurité's draft, check finds the rule the edit shadowed at its line, the admin fixes it, the examples pass, the
/// backtest replays the recorded cases, the differences show the edit, and publishing serves the new version, by Olivia.
/// </summary>
[Collection(PolicyStudioPageCollection.Name)]
public sealed class PolicyStudioPageTests(PolicyStudioPageFixture site) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _consoleErrors = [];

    public async Task InitializeAsync()
    {
        _context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        _context.SetDefaultTimeout(20_000);
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _consoleErrors.Add(message.Text);
            }
        };
        _page.PageError += (_, error) => _consoleErrors.Add(error);
        _page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // "Publish this draft?": the admin says yes
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task An_admin_edits_a_draft_sees_the_finding_fixes_it_backtests_and_publishes()
    {
        var catalog = site.Services.GetRequiredService<PolicyCatalog>();
        var before = catalog.Get("masecurite").Version.Hash;
        await SeedDecidedCasesAsync(catalog, 5, 20, 40);

        await _page.GotoAsync(site.BaseUrl + "/admin/studio?policy=masecurite");
        await _page.GetByLabel("Username").FillAsync(ChatPageFixture.AdminName.ToLowerInvariant());
        await _page.GetByLabel("Password").FillAsync(ChatPageFixture.AdminPassword);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _page.WaitForURLAsync("**/admin/studio**");
        await Assertions.Expect(_page.Locator("#file")).ToHaveValueAsync("policy.yaml");
        var published = await _page.Locator("#editor").InputValueAsync();

        // An edit that copies the outage rule after itself: the copy can never decide.
        await _page.Locator("#editor").FillAsync(published.Replace("  - id: after-window-fix-first", """
              - id: outage-again
                section: outage
                when: { fact: request_type, is: outage }
                outcome: human-review
                explanation:
                  en: A member of our team will look at it.
                  fr: Un membre de notre équipe va l'examiner.

              - id: after-window-fix-first
            """, StringComparison.Ordinal));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Run check" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#check-results li.warning, #check-results li.error").Filter(new() { HasText = "shadowed-rule" }))
            .ToContainTextAsync("masecurite/policy.yaml:");

        // The fix: no copy; the outage rule's own words change instead.
        await _page.Locator("#editor").FillAsync(published.Replace("so a member of our team will look at yours.", "so one of our advisers will look at yours.", StringComparison.Ordinal));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Run check" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#check-summary")).ToHaveTextAsync("0 error(s), 0 warning(s), 0 allowed");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Run the examples" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#test-summary")).ToHaveTextAsync("8 passed, 0 failed");

        await _page.Locator("#days").FillAsync("45");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Run the backtest" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#backtest-results .summary")).ToHaveTextAsync("3 case(s) of the last 45 day(s) replayed under the draft, 0 changed");
        await Assertions.Expect(_page.Locator("#backtest-results")).ToContainTextAsync("Refunded: 360.00 EUR before, 360.00 EUR after (+0.00 EUR)");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Show the differences" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#diff-results h3")).ToHaveTextAsync(["policy.yaml (changed)"]);
        await Assertions.Expect(_page.Locator("#diff-results .added")).ToContainTextAsync(["so one of our advisers will look at yours."]);

        await _page.GetByRole(AriaRole.Button, new() { Name = "Publish this draft" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#publish-result")).ToContainTextAsync("by Olivia at");
        await Assertions.Expect(_page.Locator("#versions tbody tr").Filter(new() { HasText = "served now" })).ToContainTextAsync("Olivia");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChatPageFixture.ScreenshotDirectory, "admin-studio-1280.png"), FullPage = true });

        var after = catalog.Get("masecurite");
        Assert.NotEqual(before, after.Version.Hash);
        Assert.EndsWith("so one of our advisers will look at yours.", after.Rules.Single(r => r.Id == "outage").Explanation["en"]);
        Assert.Empty(_consoleErrors);
    }

    /// <summary>MaSécurité refunds of €120 asked the given days ago, 25 days after the purchase, decided under the policy served.</summary>
    private async Task SeedDecidedCasesAsync(PolicyCatalog catalog, params int[] daysAgo)
    {
        var policy = catalog.Get("masecurite");
        var cases = new List<RefundCase>();
        foreach (var days in daysAgo)
        {
            var at = DateTimeOffset.UtcNow.AddDays(-days);
            var facts = new Dictionary<string, string>
            {
                ["purchase_date"] = DateOnly.FromDateTime(at.UtcDateTime).AddDays(-25).ToString("yyyy-MM-dd"), ["request_type"] = "refund", ["plan"] = "annual",
                ["amount_paid"] = "120", ["installation_fee"] = "0", ["days_used"] = "0", ["hardware_received"] = "false",
            };
            var values = facts.ToDictionary(f => f.Key, f => FactReader.Read(policy.Fact(f.Key)!, f.Value, out _)!);
            var decision = EligibilityEngine.Decide(policy, new FactValues(values), at);
            var id = $"RB-STUDIO{days:00}";
            var submitted = new RefundCase
            {
                Id = id, ConversationKey = "directline/conversations/" + id, CreatedAt = at, RequestedAt = at, Language = "en", OrderId = "MS-" + days,
                PurchaseDate = DateOnly.Parse(facts["purchase_date"], System.Globalization.CultureInfo.InvariantCulture), Reason = "changed my mind", ReasonCategory = "other",
            };
            cases.Add(submitted.WithDecision(policy.Id, facts, decision, at, version: policy.Version)!);
        }

        await site.SaveCasesAsync(cases);
    }
}

/// <summary>The chat page's bot, for the policy studio alone: what it publishes changes no other test's policy.</summary>
public sealed class PolicyStudioPageFixture : ChatPageFixture;

[CollectionDefinition(Name)]
public sealed class PolicyStudioPageCollection : ICollectionFixture<PolicyStudioPageFixture>
{
    public const string Name = "policy studio page";
}
