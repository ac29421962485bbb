using System.Globalization;
using RefundBot.Bot.Hosting;
using RefundBot.Bot.Understanding;
using RefundBot.Eligibility.Analysis;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.PolicyTools;

/// <summary>
/// <c>dotnet run --project bot -- policy check|test|backtest|new ...</c>: the business's tools to change a policy
/// before customers meet it. The analysis is in <c>RefundBot.Eligibility.Analysis</c>; this is the command line.
/// Exit codes: 0 done (warnings allowed), 1 errors found (or a failing example), 2 a command that cannot be read.
/// </summary>
internal static class PolicyCommand
{
    private const string Usage = """
        usage:
          policy check <folder>                          validate a policy folder and analyse its rules
          policy test <folder> [examples.yaml|.tsv]      run the business's examples (default: <folder>/examples.yaml)
          policy backtest <draft folder> --days N [--now 2026-12-01T00:00:00Z] [--Storage:Provider=PostgreSql ...]
                                                         replay the cases of the last N days under the draft
          policy new <id> --from policy.txt [--language en|fr] [--into policy-drafts] [--Llm:Endpoint=...]
                                                         scaffold a policy folder from the business's text (with the
                                                         optional LLM: rules and translation drafted, marked for review)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        try
        {
            return args switch
            {
                ["check", var folder] => Check(Resolve(folder), output),
                ["test", var folder] => Test(Resolve(folder), Path.Combine(Resolve(folder), PolicyExamples.File), output),
                ["test", var folder, var examples] => Test(Resolve(folder), Resolve(examples), output),
                ["backtest", var folder, .. var rest] => await BacktestCommand.RunAsync(Resolve(folder), rest, output, cancellationToken),
                ["new", var id, .. var rest] => await NewAsync(id, rest, output, cancellationToken),
                _ => Fail(output, Usage),
            };
        }
        catch (UsageException exception)
        {
            return Fail(output, exception.Message + "\n" + Usage);
        }
    }

    private static int Check(string folder, TextWriter output)
    {
        var report = PolicyCheck.Run(folder);
        foreach (var finding in report.Findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line))
        {
            output.WriteLine(finding);
        }

        foreach (var (finding, reason) in report.Allowed)
        {
            output.WriteLine($"allowed {finding.Code} '{finding.Subject}': {reason}");
        }

        var errors = report.Findings.Count(f => f.Severity == FindingSeverity.Error);
        output.WriteLine($"{errors} error(s), {report.Findings.Count - errors} warning(s), {report.Allowed.Count} allowed");
        return report.HasErrors ? 1 : 0;
    }

    private static int Test(string folder, string examplesPath, TextWriter output)
    {
        var problems = new List<PolicyProblem>();
        var policy = PolicyLoader.Load(folder, problems);
        var examples = PolicyExamplesReader.Read(examplesPath, problems);
        if (policy is null || problems.Count > 0)
        {
            problems.ForEach(p => output.WriteLine(p));
            output.WriteLine(policy is null ? "the policy does not load: run `policy check` first" : "the examples cannot be read");
            return 1;
        }

        var results = ExampleRunner.Run(policy, examples);
        var file = Path.GetFileName(examplesPath);
        foreach (var result in results)
        {
            output.WriteLine(result.Describe(file));
        }

        var failed = results.Count(r => !r.Passed);
        output.WriteLine($"{results.Count - failed} passed, {failed} failed");
        return failed > 0 || results.Count == 0 ? 1 : 0;
    }

    private static async Task<int> NewAsync(string id, string[] options, TextWriter output, CancellationToken cancellationToken)
    {
        var from = Resolve(Option(options, "--from") ?? throw new UsageException("policy new needs --from <the policy's text file>"));
        var into = Path.Combine(Resolve(Option(options, "--into") ?? "policy-drafts"), id);
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9]+(-[a-z0-9]+)*$"))
        {
            throw new UsageException($"'{id}' is not a policy id (lower case letters, digits and hyphens: fourteen-day-returns)");
        }

        if (!File.Exists(from))
        {
            return Fail(output, $"{from} does not exist");
        }

        if (Directory.Exists(into) && Directory.EnumerateFileSystemEntries(into).Any())
        {
            return Fail(output, $"{into} already exists and is not empty: nothing written");
        }

        var text = File.ReadAllText(from);
        var language = Option(options, "--language") ?? GuessLanguage(text);
        if (!PolicyLoader.Languages.Contains(language))
        {
            throw new UsageException($"--language '{language}': en or fr");
        }

        var files = PolicyScaffold.Create(id, text, language);
        if (LlmDrafter(options) is { } drafter)
        {
            var (drafted, notes) = await drafter.DraftAsync(id, files, language, cancellationToken);
            files = drafted;
            notes.ForEach(output.WriteLine);
        }

        Directory.CreateDirectory(into);
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(into, name), content);
            output.WriteLine($"wrote {Path.Combine(into, name)}");
        }

        output.WriteLine($"source language: {language}. Next: complete what `policy check {into}` points at, write examples.yaml, "
            + $"run `policy test {into}`, then move the folder into policy-content/.");
        return 0;
    }

    /// <summary>The optional LLM as the bot would configure it (appsettings, environment, <c>--Llm:Endpoint=...</c>); null without an endpoint.</summary>
    private static LlmPolicyDrafter? LlmDrafter(string[] options)
    {
        var configuration = options.Where(o => o.StartsWith("--", StringComparison.Ordinal) && o.Contains(':')).ToArray();
        var builder = WebApplication.CreateBuilder(AppFolders.Options(configuration));
        var llm = builder.Configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        if (!llm.IsEnabled)
        {
            return null;
        }

        var kernel = LlmServices.CreateKernel(llm, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        return new LlmPolicyDrafter(kernel.GetRequiredService<Microsoft.Extensions.AI.IChatClient>(), DraftingTimeout);
    }

    /// <summary>How long the LLM may take for each of its two drafts (a whole text, not a chat message).</summary>
    private static readonly TimeSpan DraftingTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The language with more of its common words in the text.</summary>
    private static string GuessLanguage(string text)
    {
        var words = text.ToLowerInvariant().Split([' ', '\n', '\r', '\t', ',', '.', '\''], StringSplitOptions.RemoveEmptyEntries);
        string[] french = ["le", "la", "les", "des", "vous", "votre", "est", "et", "pour", "dans", "une", "du"];
        string[] english = ["the", "you", "your", "is", "and", "for", "in", "of", "to", "a", "are", "with"];
        return words.Count(french.Contains) > words.Count(english.Contains) ? "fr" : "en";
    }

    /// <summary>
    /// A path as the person typed it. <c>dotnet run --project bot</c> runs the bot in bot/, so there a relative path is
    /// taken from the folder above (the repository's root, where the person typed it), as the README's commands write it.
    /// </summary>
    internal static string Resolve(string path)
    {
        var here = Directory.GetCurrentDirectory();
        var root = File.Exists(Path.Combine(here, "RefundBot.Bot.csproj")) ? Path.GetDirectoryName(here)! : here;
        return Path.IsPathRooted(path) ? path : Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(root, path));
    }

    internal static string? Option(string[] options, string name)
    {
        var at = Array.IndexOf(options, name);
        return at >= 0 && at + 1 < options.Length ? options[at + 1] : null;
    }

    private static int Fail(TextWriter output, string message)
    {
        output.WriteLine(message);
        return 2;
    }
}

/// <summary>A command line that cannot be read: the usage is printed, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
