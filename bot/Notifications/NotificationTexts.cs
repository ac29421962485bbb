using System.Text.RegularExpressions;
using RefundBot.Eligibility.Loading;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RefundBot.Bot.Notifications;

/// <summary>
/// The texts of the customer e-mails, as data in policy-content: <c>notifications.yaml</c> at its root holds the
/// default texts in English and French; a policy's own <c>{policy}/notifications.yaml</c> names its business and may
/// replace any of them. A text is looked up in the policy's file, then in the defaults, in the case's language, then
/// in English; placeholders are <c>{name}</c>. Read once, at start-up: a broken file stops the bot, as a broken policy does.
/// </summary>
public sealed partial class NotificationTexts
{
    public const string FileName = "notifications.yaml";
    private const string Fallback = "en";

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    private readonly NotificationFile _defaults;
    private readonly Dictionary<string, NotificationFile> _policies;
    private readonly PolicyCatalog _catalog;

    public NotificationTexts(string policyContentPath, PolicyCatalog catalog)
    {
        _catalog = catalog;
        _defaults = Read(Path.Combine(policyContentPath, FileName))
            ?? throw new InvalidOperationException($"{FileName} is missing from {policyContentPath}: the customer e-mails have no texts.");
        _policies = catalog.All
            .Select(p => (p.Id, File: Read(Path.Combine(policyContentPath, p.Id, FileName))))
            .Where(p => p.File is not null)
            .ToDictionary(p => p.Id, p => p.File!, StringComparer.Ordinal);
    }

    /// <summary>The business the e-mails speak for: the policy's file, else the policy's own business name.</summary>
    public string Business(string? policyId) =>
        policyId is not null && _policies.TryGetValue(policyId, out var file) && !string.IsNullOrWhiteSpace(file.Business)
            ? file.Business
            : _catalog.All.FirstOrDefault(p => p.Id == policyId)?.Business ?? _catalog.All[0].Business;

    /// <summary>Whether any file has <paramref name="key"/> (in any language).</summary>
    public bool Has(string? policyId, string key) => Find(policyId, Fallback, key) is not null;

    public string Get(string? policyId, string language, string key, IReadOnlyDictionary<string, string> values)
    {
        var text = Find(policyId, language, key) ?? Find(policyId, Fallback, key)
            ?? throw new KeyNotFoundException($"No notification text '{key}' in {FileName}.");
        return Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    private string? Find(string? policyId, string language, string key) =>
        (policyId is not null && _policies.TryGetValue(policyId, out var own) ? own.Text(language, key) : null) ?? _defaults.Text(language, key);

    private static NotificationFile? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return Yaml.Deserialize<NotificationFile>(File.ReadAllText(path)) ?? new NotificationFile();
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new InvalidOperationException($"{path}:{exception.Start.Line}: {exception.Message}", exception);
        }
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    /// <summary>One notifications.yaml: the business's name and texts per language.</summary>
    private sealed class NotificationFile
    {
        public string? Business { get; set; }

        public Dictionary<string, Dictionary<string, string>> Texts { get; set; } = [];

        public string? Text(string language, string key) =>
            Texts.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text) ? text : null;
    }
}
