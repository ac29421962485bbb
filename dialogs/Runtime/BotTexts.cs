using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace RefundBot.Dialogs.Runtime;

/// <summary>
/// Every sentence the bot says, per language, from the embedded <c>Resources/strings.{lang}.json</c> files.
/// Placeholders are named: <c>"Your case number is {caseId}."</c>.
/// </summary>
public sealed class BotTexts
{
    public const string DefaultLanguage = "en";
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byLanguage;
    private readonly FrozenDictionary<string, CultureInfo> _cultures;

    public BotTexts(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byLanguage)
    {
        _byLanguage = byLanguage.ToFrozenDictionary(l => l.Key, l => l.Value.ToFrozenDictionary());
        _cultures = byLanguage.Keys.ToFrozenDictionary(l => l, CultureInfo.GetCultureInfo);
    }

    public static BotTexts LoadEmbedded()
    {
        var assembly = typeof(BotTexts).Assembly;
        var byLanguage = Languages.ToDictionary(
            language => language,
            language => (IReadOnlyDictionary<string, string>)Read(assembly, $"RefundBot.Dialogs.Resources.strings.{language}.json"));
        return new BotTexts(byLanguage);
    }

    public IReadOnlyCollection<string> Keys(string language) => _byLanguage[language].Keys;

    public string Get(string language, string key, params (string Name, object? Value)[] args)
    {
        if (!_byLanguage.ContainsKey(language))
        {
            language = DefaultLanguage;
        }

        var texts = _byLanguage[language];
        if (!texts.TryGetValue(key, out var template))
        {
            throw new KeyNotFoundException($"No text '{key}' in language '{language}'.");
        }

        return args.Length == 0 ? template : Fill(template, args, _cultures[language]);
    }

    /// <summary>The culture assumed for a language when the channel did not give one.</summary>
    public static string DefaultCulture(string language) => language == "fr" ? "fr-FR" : "en-US";

    private static string Fill(string template, (string Name, object? Value)[] args, CultureInfo culture)
    {
        var text = new StringBuilder(template);
        foreach (var (name, value) in args)
        {
            text.Replace("{" + name + "}", Convert.ToString(value, culture));
        }

        return text.ToString();
    }

    private static Dictionary<string, string> Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Missing embedded resource {resourceName}.");
        return JsonSerializer.Deserialize(stream, TurnJsonContext.Default.DictionaryStringString)
            ?? throw new InvalidOperationException($"Empty resource {resourceName}.");
    }
}
