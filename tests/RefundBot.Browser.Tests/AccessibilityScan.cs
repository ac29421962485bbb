using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RefundBot.Browser.Tests;

/// <summary>
/// axe-core (npm <c>@axe-core/playwright</c> 4.14, whose axe.min.js the build copies beside the tests) run in a page
/// as it stands. Every violation is written to the test output; the tests fail on serious and critical ones.
/// </summary>
internal static class AccessibilityScan
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));

    public sealed record Violation(string Id, string Impact, string Help, string[] Targets);

    /// <summary>The WCAG 2.x A and AA rules (and axe's best practices) on the whole page, printed to <paramref name="output"/>.</summary>
    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page, string name, ITestOutputHelper output)
    {
        // Evaluated through the DevTools protocol: the page's Content Security Policy (script-src 'self') stays as served.
        await page.EvaluateAsync(Axe.Value);
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const results = await axe.run(document, { resultTypes: ['violations'] });
              return {
                version: results.testEngine.version,
                passes: results.passes.length,
                violations: results.violations.map(v => ({
                  id: v.id, impact: v.impact || 'minor', help: v.help,
                  targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))
                }))
              };
            }
            """);
        var violations = result.GetProperty("violations").Deserialize<Violation[]>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        output.WriteLine($"axe {result.GetProperty("version").GetString()} on {name}: {violations.Length} violation(s), {result.GetProperty("passes").GetInt32()} rule(s) passed");
        foreach (var violation in violations)
        {
            output.WriteLine($"  [{violation.Impact}] {violation.Id}: {violation.Help} ({string.Join("; ", violation.Targets)})");
        }

        return violations;
    }

    public static async Task AssertNoSeriousViolationAsync(IPage page, string name, ITestOutputHelper output)
    {
        var violations = await RunAsync(page, name, output);
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0,
            $"axe found serious or critical violations on {name}:\n" + string.Join("\n", serious.Select(v => $"[{v.Impact}] {v.Id}: {v.Help} ({string.Join("; ", v.Targets)})")));
    }
}
