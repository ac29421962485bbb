using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RefundBot.Bot.PolicyTools;

namespace RefundBot.Bot.Tests.PolicyTools;

/// <summary>
/// <c>policy new --from</c> with the optional LLM, against a loopback fake OpenAI-compatible server: the translation
/// and the rules it drafts go into the scaffold marked for a person to review, which <c>policy check</c> then reports
/// until a person removes the mark; a draft that does not keep the scaffold's shape is not used.
/// </summary>
public sealed class PolicyNewWithLlmTests : IAsyncLifetime
{
    private const string Text = "Refund Policy\n\n1. Returns\n\nReturns are accepted within 14 days of purchase.\n\n2. Refund timeline\n\nRefunds are paid within 10 days.\n";
    private readonly TempDirectory _temp = new();
    private WebApplication _fakeLlm = null!;
    private string _translation = "";
    private string _rules = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _fakeLlm = builder.Build();
        _fakeLlm.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = await JsonDocument.ParseAsync(request.Body);
            var prompt = body.RootElement.GetProperty("messages")[0].GetProperty("content").GetString()!;
            var content = prompt.StartsWith("Translate", StringComparison.Ordinal) ? _translation : _rules;
            return Results.Json(new
            {
                id = "chatcmpl-test", @object = "chat.completion", created = 1_700_000_000, model = "fake",
                choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            });
        });
        await _fakeLlm.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _fakeLlm.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_LLMs_translation_and_rules_go_into_the_scaffold_marked_for_review_and_check_reports_the_marks()
    {
        _translation = "# Politique de remboursement\n\n## [returns] 1. Retours\n\nLes retours sont acceptés dans les 14 jours suivant l'achat.\n\n"
            + "## [refund-timeline] 2. Délai de remboursement\n\nLes remboursements sont versés sous 10 jours.\n";
        _rules = "```yaml\nid: shop\nbusiness: Shop\ncurrency: EUR\ntimeZone: Europe/Paris\nsourceLanguage: en\nfacts: []\nrules: []\n```";

        var (code, output, folder) = await NewAsync();
        var french = await File.ReadAllTextAsync(Path.Combine(folder, "policy.fr.md"));
        var rules = await File.ReadAllTextAsync(Path.Combine(folder, "policy.yaml"));
        var (_, check) = await RunAsync("check", folder);

        Assert.Equal(0, code);
        Assert.Contains("policy.fr.md: translated by the LLM, marked TODO for a person to review", output);
        Assert.Contains("Les retours sont acceptés dans les 14 jours", french);
        Assert.Equal(LlmPolicyDrafter.TranslationMark, french.Split('\n')[2]);
        Assert.StartsWith(LlmPolicyDrafter.RulesMark + "\nid: shop\n", rules);
        Assert.Contains("shop/policy.yaml:1: error placeholder: still to complete: # TODO: drafted by an LLM", check);
        Assert.Contains("shop/policy.fr.md:3: error placeholder: still to complete: > TODO: translated by an LLM", check);
    }

    [Fact]
    public async Task A_translation_that_loses_a_section_and_rules_that_are_not_YAML_are_not_used()
    {
        _translation = "# Politique\n\n## [returns] 1. Retours\n\nLes retours sont acceptés.\n"; // the refund timeline is gone
        _rules = "Sure! Here are your rules: { not yaml";

        var (code, output, folder) = await NewAsync();
        var french = await File.ReadAllTextAsync(Path.Combine(folder, "policy.fr.md"));

        Assert.Equal(0, code);
        Assert.Contains("policy.fr.md: the LLM's translation was not used (its sections differ from the text's): placeholders to translate", output);
        Assert.Contains("policy.yaml: the LLM's rules were not used", output);
        Assert.Contains("TODO: translate this section (fr).", french);
        Assert.Contains("- id: case-by-case", await File.ReadAllTextAsync(Path.Combine(folder, "policy.yaml")));
    }

    private async Task<(int Code, string Output, string Folder)> NewAsync()
    {
        var from = _temp.File("policy.txt");
        await File.WriteAllTextAsync(from, Text);
        var into = Path.Combine(_temp.Path, "drafts-" + Guid.NewGuid().ToString("N")[..6]);
        var (code, output) = await RunAsync("new", "shop", "--from", from, "--into", into, $"--Llm:Endpoint={_fakeLlm.Urls.Single()}/v1", "--Llm:Model=fake");
        return (code, output, Path.Combine(into, "shop"));
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await PolicyCommand.RunAsync(args, output);
        return (code, output.ToString());
    }
}
