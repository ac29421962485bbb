using System.Text.RegularExpressions;
using RefundBot.Eligibility.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace RefundBot.Eligibility.Loading;

/// <summary>
/// Loads every policy folder of <c>policy-content/</c> (a folder with a <c>policy.yaml</c>): its rules and its texts
/// in English and French, and validates them together. Any problem stops the load with every problem found, each
/// naming its file and line.
/// </summary>
public static partial class PolicyLoader
{
    public const string RulesFile = "policy.yaml";
    public const string TroubleshootingFile = "troubleshooting.yaml";
    public const string ReasonsFile = "reasons.yaml";
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithEnumNamingConvention(HyphenatedNamingConvention.Instance)
        .WithNodeDeserializer(inner => new LocatingNodeDeserializer(inner), s => s.InsteadOf<ObjectNodeDeserializer>())
        .Build();

    public static PolicyCatalog LoadAll(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new PolicyValidationException([new PolicyProblem(directory, 0, "the policy-content directory does not exist")]);
        }

        var problems = new List<PolicyProblem>();
        var policies = Directory.GetDirectories(directory)
            .Where(d => File.Exists(Path.Combine(d, RulesFile)))
            .Order(StringComparer.Ordinal)
            .Select(d => Load(d, problems))
            .OfType<Policy>()
            .ToList();
        if (policies.Count == 0 && problems.Count == 0)
        {
            problems.Add(new PolicyProblem(directory, 0, $"no policy folder (a folder with a {RulesFile})"));
        }

        return problems.Count > 0 ? throw new PolicyValidationException(problems) : new PolicyCatalog(policies);
    }

    /// <summary>One policy folder; problems are added to <paramref name="problems"/>, and null returned when it cannot be read at all.</summary>
    public static Policy? Load(string folder, List<PolicyProblem> problems)
    {
        var rulesPath = Path.Combine(folder, RulesFile);
        var file = DisplayPath(rulesPath);
        Policy? policy;
        try
        {
            policy = Yaml.Deserialize<Policy>(File.ReadAllText(rulesPath));
        }
        catch (YamlException exception)
        {
            problems.Add(new PolicyProblem(file, (int)exception.Start.Line, Message(exception)));
            return null;
        }

        if (policy is null)
        {
            problems.Add(new PolicyProblem(file, 1, "the file is empty"));
            return null;
        }

        foreach (var language in Languages)
        {
            var textPath = Path.Combine(folder, $"policy.{language}.md");
            if (File.Exists(textPath))
            {
                policy.Texts[language] = PolicyTextParser.Parse(DisplayPath(textPath), language, File.ReadAllText(textPath), problems);
            }
            else
            {
                problems.Add(new PolicyProblem(DisplayPath(textPath), 0, $"the policy text in '{language}' is missing"));
            }
        }

        var reasonsPath = Path.Combine(folder, ReasonsFile);
        if (File.Exists(reasonsPath))
        {
            policy.Reasons = LoadReasons(reasonsPath, policy, problems);
        }
        else
        {
            problems.Add(new PolicyProblem(DisplayPath(reasonsPath), 0, "the reason categories are missing"));
        }

        var guidesPath = Path.Combine(folder, TroubleshootingFile);
        if (File.Exists(guidesPath))
        {
            policy.Troubleshooting = LoadGuides(guidesPath, problems);
        }

        var before = problems.Count;
        PolicyValidator.Validate(policy, Path.GetFileName(folder), file, problems);
        return problems.Count == before ? policy : null;
    }

    private static List<ReasonCategory> LoadReasons(string path, Policy policy, List<PolicyProblem> problems)
    {
        var file = DisplayPath(path);
        try
        {
            var categories = Yaml.Deserialize<ReasonCategories>(File.ReadAllText(path))?.Categories ?? [];
            PolicyValidator.ValidateReasons(categories, policy, file, problems);
            return categories;
        }
        catch (YamlException exception)
        {
            problems.Add(new PolicyProblem(file, (int)exception.Start.Line, Message(exception)));
            return [];
        }
    }

    private static List<TroubleshootingGuide> LoadGuides(string path, List<PolicyProblem> problems)
    {
        var file = DisplayPath(path);
        try
        {
            var guides = Yaml.Deserialize<TroubleshootingGuides>(File.ReadAllText(path))?.Guides ?? [];
            PolicyValidator.ValidateGuides(guides, file, problems);
            return guides;
        }
        catch (YamlException exception)
        {
            problems.Add(new PolicyProblem(file, (int)exception.Start.Line, Message(exception)));
            return [];
        }
    }

    private static string Message(YamlException exception)
    {
        var message = (exception.InnerException?.Message ?? exception.Message).Replace("\r", "").Split('\n')[0];
        message = message.StartsWith('(') && message.IndexOf("): ", StringComparison.Ordinal) is > 0 and var at ? message[(at + 3)..] : message;
        return UnknownProperty().Replace(message, m => $"unknown property '{m.Groups[1].Value}' in a {m.Groups[2].Value.ToLowerInvariant()}");
    }

    [GeneratedRegex(@"Property '(.+)' not found on type '(?:[\w.]+\.)?(\w+)'\.?")]
    private static partial Regex UnknownProperty();

    private static string DisplayPath(string path) =>
        Path.Combine(Path.GetFileName(Path.GetDirectoryName(path)) ?? "", Path.GetFileName(path));
}

/// <summary>The policies one deployment serves, by id.</summary>
public sealed class PolicyCatalog(IReadOnlyList<Policy> policies)
{
    private readonly Dictionary<string, Policy> _byId = policies.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public IReadOnlyList<Policy> All { get; } = policies;

    public Policy? Find(string id) => _byId.GetValueOrDefault(id);

    public Policy Get(string id) => Find(id) ?? throw new KeyNotFoundException($"No policy '{id}'.");
}
