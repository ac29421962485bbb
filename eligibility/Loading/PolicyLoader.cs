using System.Text.RegularExpressions;
using RefundBot.Eligibility.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace RefundBot.Eligibility.Loading;

/// <summary>
/// Loads every policy folder of <c>policy-content/</c>: its rules (<c>policy.yaml</c>) and its texts in English and
/// French, and validates them together. Any problem stops the load with every problem found, each naming its file and
/// line. Every folder is a policy except hidden ones (".git", ".vscode"): a folder without its <c>policy.yaml</c> is a
/// problem, not a folder to skip, since the conversations pinned to it would otherwise fall silently to another policy.
/// </summary>
public static partial class PolicyLoader
{
    public const string RulesFile = "policy.yaml";
    public const string TroubleshootingFile = "troubleshooting.yaml";
    public const string ReasonsFile = "reasons.yaml";
    public const string QuestionsFile = "questions.yaml";
    public const string DeskRepliesFile = "desk-replies.yaml";
    public const string DeskFile = "desk.yaml";
    public const string CannedRepliesFile = "canned-replies.yaml";
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithEnumNamingConvention(HyphenatedNamingConvention.Instance)
        .WithNodeDeserializer(inner => new LocatingNodeDeserializer(inner), s => s.InsteadOf<ObjectNodeDeserializer>())
        .WithNodeDeserializer(new FactReferenceNodeDeserializer(), s => s.OnTop())
        .Build();

    public static PolicyCatalog LoadAll(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new PolicyValidationException([new PolicyProblem(directory, 0, "the policy-content directory does not exist")]);
        }

        var problems = new List<PolicyProblem>();
        var folders = Directory.GetDirectories(directory)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var folder in folders.Where(d => !File.Exists(Path.Combine(d, RulesFile))))
        {
            problems.Add(new PolicyProblem(DisplayPath(Path.Combine(folder, RulesFile)), 0,
                $"the policy folder '{Path.GetFileName(folder)}' has no {RulesFile} (add its rules, or remove the folder)"));
        }

        var policies = folders
            .Where(d => File.Exists(Path.Combine(d, RulesFile)))
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
    public static Policy? Load(string folder, List<PolicyProblem> problems) => Load(PolicyFolder.Read(folder), problems);

    /// <summary>A policy from its folder's files (read from disk, or a published version's, kept in the store).</summary>
    public static Policy? Load(PolicyFolder folder, List<PolicyProblem> problems)
    {
        var policy = Read(folder, problems, out var valid);
        if (policy is null || !valid)
        {
            return null;
        }

        // A money fact with no max of its own is bounded by the policy's maxAmount, so the API, the chat and the
        // conditions all read the same range from the fact.
        foreach (var fact in policy.Facts.Where(f => f.Type == FactType.Money))
        {
            fact.Max ??= policy.MaxAmount;
        }

        policy.Source = folder;
        return policy;
    }

    /// <summary>
    /// One policy folder as written, its problems added to <paramref name="problems"/>, returned even when its rules do
    /// not validate (<paramref name="valid"/> false): what <c>policy check</c> analyses further in a draft. Null only when
    /// policy.yaml cannot be read at all. Never served: <see cref="Load(PolicyFolder, List{PolicyProblem})"/> is what the bot uses.
    /// </summary>
    public static Policy? Read(string folder, List<PolicyProblem> problems, out bool valid) =>
        Read(PolicyFolder.Read(folder), problems, out valid);

    /// <summary>The same from a folder's files (a draft kept in the store, read by the business console).</summary>
    public static Policy? Read(PolicyFolder folder, List<PolicyProblem> problems, out bool valid)
    {
        valid = false;
        var file = folder.DisplayPath(RulesFile);
        if (!folder.Has(RulesFile))
        {
            problems.Add(new PolicyProblem(file, 0, $"the policy folder '{folder.Name}' has no {RulesFile}"));
            return null;
        }

        Policy? policy;
        try
        {
            policy = Deserialize<Policy>(folder.Text(RulesFile));
        }
        catch (YamlException exception)
        {
            problems.Add(Problem(file, exception));
            return null;
        }

        if (policy is null)
        {
            problems.Add(new PolicyProblem(file, 1, "the file is empty"));
            return null;
        }

        foreach (var language in Languages)
        {
            var textFile = $"policy.{language}.md";
            if (folder.Has(textFile))
            {
                policy.Texts[language] = PolicyTextParser.Parse(folder.DisplayPath(textFile), language, folder.Text(textFile), problems);
            }
            else
            {
                problems.Add(new PolicyProblem(folder.DisplayPath(textFile), 0, $"the policy text in '{language}' is missing"));
            }
        }

        if (folder.Has(ReasonsFile))
        {
            policy.Reasons = LoadReasons(folder, policy, problems);
        }
        else
        {
            problems.Add(new PolicyProblem(folder.DisplayPath(ReasonsFile), 0, "the reason categories are missing"));
        }

        if (folder.Has(TroubleshootingFile))
        {
            policy.Troubleshooting = LoadGuides(folder, problems);
        }

        if (folder.Has(QuestionsFile))
        {
            policy.SectionQuestions = LoadQuestions(folder, policy, problems);
        }

        if (folder.Has(DeskRepliesFile))
        {
            policy.DeskReplies = LoadDeskReplies(folder, problems);
        }

        LoadDesk(folder, policy, problems);

        var before = problems.Count;
        PolicyValidator.Validate(policy, folder.Name, file, problems);
        valid = problems.Count == before;
        return policy;
    }

    private static List<ReasonCategory> LoadReasons(PolicyFolder folder, Policy policy, List<PolicyProblem> problems)
    {
        var file = folder.DisplayPath(ReasonsFile);
        try
        {
            var categories = Deserialize<ReasonCategories>(folder.Text(ReasonsFile))?.Categories ?? [];
            PolicyValidator.ValidateReasons(categories, policy, file, problems);
            return categories;
        }
        catch (YamlException exception)
        {
            problems.Add(Problem(file, exception));
            return [];
        }
    }

    private static Dictionary<string, Dictionary<string, List<string>>> LoadQuestions(PolicyFolder folder, Policy policy, List<PolicyProblem> problems)
    {
        var file = folder.DisplayPath(QuestionsFile);
        try
        {
            var questions = Deserialize<SectionQuestions>(folder.Text(QuestionsFile)) ?? new SectionQuestions();
            PolicyValidator.ValidateQuestions(questions, policy, file, problems);
            return questions.Sections;
        }
        catch (YamlException exception)
        {
            problems.Add(Problem(file, exception));
            return [];
        }
    }

    private static List<TroubleshootingGuide> LoadGuides(PolicyFolder folder, List<PolicyProblem> problems)
    {
        var file = folder.DisplayPath(TroubleshootingFile);
        try
        {
            var guides = Deserialize<TroubleshootingGuides>(folder.Text(TroubleshootingFile))?.Guides ?? [];
            PolicyValidator.ValidateGuides(guides, file, problems);
            return guides;
        }
        catch (YamlException exception)
        {
            problems.Add(Problem(file, exception));
            return [];
        }
    }

    private static List<DeskReply> LoadDeskReplies(PolicyFolder folder, List<PolicyProblem> problems)
    {
        var file = folder.DisplayPath(DeskRepliesFile);
        try
        {
            var replies = Deserialize<DeskReplies>(folder.Text(DeskRepliesFile))?.Replies ?? [];
            PolicyValidator.ValidateDeskReplies(replies, file, problems);
            return replies;
        }
        catch (YamlException exception)
        {
            problems.Add(Problem(file, exception));
            return [];
        }
    }

    /// <summary>The desk's settings (desk.yaml) and canned replies (canned-replies.yaml), each optional, validated like the rest.</summary>
    private static void LoadDesk(PolicyFolder folder, Policy policy, List<PolicyProblem> problems)
    {
        if (folder.Has(DeskFile))
        {
            policy.Desk = LoadFile<DeskSettings>(folder, DeskFile, problems, PolicyValidator.ValidateDesk);
        }

        if (folder.Has(CannedRepliesFile))
        {
            policy.CannedReplies = LoadFile<CannedReplies>(folder, CannedRepliesFile, problems, PolicyValidator.ValidateCannedReplies)?.Replies ?? [];
        }
    }

    private static T? LoadFile<T>(PolicyFolder folder, string name, List<PolicyProblem> problems, Action<T, string, List<PolicyProblem>> validate) where T : Located
    {
        var file = folder.DisplayPath(name);
        try
        {
            if (Deserialize<T>(folder.Text(name)) is not { } loaded)
            {
                problems.Add(new PolicyProblem(file, 1, "the file is empty"));
                return null;
            }

            validate(loaded, file, problems);
            return loaded;
        }
        catch (YamlException exception)
        {
            problems.Add(Problem(file, exception));
            return null;
        }
    }

    /// <summary>
    /// Reads the whole file with the YAML parser alone before deserializing it, so that a syntax error is reported as
    /// the parser words it, at its line and column. On some unclosed flow collections ("en: {When") YamlDotNet's
    /// scanner throws a bare InvalidOperationException ("Operation is not valid due to the current state of the
    /// object"), with no position: that one is reported at the unclosed bracket.
    /// </summary>
    internal static T Deserialize<T>(string text)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<ParsingEvent>();
        ParsingEvent? last = null;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!;
                switch (last)
                {
                    case MappingStart or SequenceStart:
                        open.Push(last);
                        break;
                    case MappingEnd or SequenceEnd when open.Count > 0:
                        open.Pop();
                        break;
                }
            }
        }
        catch (InvalidOperationException)
        {
            var bracket = open.FirstOrDefault(e => e is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow });
            var at = bracket ?? last;
            throw new SyntaxErrorException(at?.Start ?? Mark.Empty, at?.End ?? Mark.Empty, bracket is null
                ? "the YAML cannot be read past this point"
                : $"the '{(bracket is MappingStart ? '{' : '[')}' opened here is never closed");
        }

        return Yaml.Deserialize<T>(text);
    }

    /// <summary>
    /// A YAML error where the parser found it. A syntax error (a <see cref="SyntaxErrorException"/> or
    /// <see cref="SemanticErrorException"/>, or one the deserializer wraps) keeps the parser's own words and column;
    /// a mapping error (an unknown property) keeps the deserializer's inner message.
    /// </summary>
    internal static PolicyProblem Problem(string file, YamlException exception)
    {
        var syntax = SyntaxError(exception);
        var at = syntax ?? exception;
        return new PolicyProblem(file, (int)at.Start.Line, Message(syntax, exception), syntax is null ? 0 : (int)at.Start.Column);
    }

    private static YamlException? SyntaxError(YamlException exception) => exception switch
    {
        SyntaxErrorException or SemanticErrorException => exception,
        { InnerException: YamlException inner } => SyntaxError(inner),
        _ => null,
    };

    private static string Message(YamlException? syntax, YamlException exception)
    {
        var message = (syntax?.Message ?? exception.InnerException?.Message ?? exception.Message).Replace("\r", "").Split('\n')[0];
        message = message.StartsWith('(') && message.IndexOf("): ", StringComparison.Ordinal) is > 0 and var at ? message[(at + 3)..] : message;
        return UnknownProperty().Replace(message, m => $"unknown property '{m.Groups[1].Value}' in a {m.Groups[2].Value.ToLowerInvariant()}");
    }

    [GeneratedRegex(@"Property '(.+)' not found on type '(?:[\w.]+\.)?(\w+)'\.?")]
    private static partial Regex UnknownProperty();

    internal static string DisplayPath(string path) =>
        Path.Combine(Path.GetFileName(Path.GetDirectoryName(path)) ?? "", Path.GetFileName(path));
}

/// <summary>
/// The policies one deployment serves, by id. A policy may be replaced by another version of itself while the bot runs
/// (a version published from the business console, <see cref="Replace"/>): every lookup after that returns the new one,
/// and <see cref="Generation"/> tells what was built from the policies (the knowledge index) that it must be built again.
/// </summary>
public sealed class PolicyCatalog(IReadOnlyList<Policy> policies)
{
    private readonly Lock _replacing = new();
    private volatile Served _served = new(policies, 0);

    public IReadOnlyList<Policy> All => _served.All;

    /// <summary>Changes each time a policy is replaced.</summary>
    public long Generation => _served.Generation;

    public Policy? Find(string id) => _served.ById.GetValueOrDefault(id);

    public Policy Get(string id) => Find(id) ?? throw new KeyNotFoundException($"No policy '{id}'.");

    /// <summary>Serves <paramref name="policy"/> in place of the version of it served now; false when it is that version already.</summary>
    public bool Replace(Policy policy)
    {
        using var _ = _replacing.EnterScope();
        var served = _served;
        var current = served.ById.GetValueOrDefault(policy.Id) ?? throw new KeyNotFoundException($"No policy '{policy.Id}' to replace.");
        if (current.Version.Hash == policy.Version.Hash)
        {
            return false;
        }

        _served = new(served.All.Select(p => p.Id == policy.Id ? policy : p).ToList(), served.Generation + 1);
        return true;
    }

    private sealed class Served(IReadOnlyList<Policy> all, long generation)
    {
        public IReadOnlyList<Policy> All { get; } = all;
        public long Generation { get; } = generation;
        public Dictionary<string, Policy> ById { get; } = all.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }
}
