using System.Globalization;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RefundBot.Bot.ChatPage;

/// <summary>
/// Reads <c>brand.yaml</c> from every policy's folder and validates it the way the policy loader validates rules: a
/// missing file, a YAML error, a colour that is not <c>#rrggbb</c> or too light for white text, a logo that is not
/// in the folder, a welcome line missing in a language: each is a <see cref="PolicyProblem"/> naming the file and
/// line, and the bot does not start (the same "Invalid policy:" lines at exit code 1).
/// </summary>
public static class BrandLoader
{
    public const string BrandFile = "brand.yaml";

    private static readonly IReadOnlySet<string> LogoTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".svg", ".jpg", ".jpeg", ".webp" };

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static BrandCatalog LoadAll(string directory, PolicyCatalog policies)
    {
        var problems = new List<PolicyProblem>();
        var brands = new Dictionary<string, LoadedBrand>(StringComparer.Ordinal);
        foreach (var policy in policies.All)
        {
            if (Load(Path.Combine(directory, policy.Id), problems) is { } brand)
            {
                brands[policy.Id] = brand;
            }
        }

        return problems.Count > 0 ? throw new PolicyValidationException(problems) : new BrandCatalog(brands);
    }

    /// <summary>One folder's brand; problems are added to <paramref name="problems"/> and null returned when there are any.</summary>
    public static LoadedBrand? Load(string folder, List<PolicyProblem> problems)
    {
        var path = Path.Combine(folder, BrandFile);
        var file = Path.Combine(Path.GetFileName(folder), BrandFile);
        if (!File.Exists(path))
        {
            problems.Add(new PolicyProblem(file, 0, "the brand is missing (botName, initials or logo, accent, welcome in en and fr)"));
            return null;
        }

        var text = File.ReadAllText(path);
        Brand? brand;
        try
        {
            brand = Yaml.Deserialize<Brand>(text);
        }
        catch (YamlException exception)
        {
            var message = (exception.InnerException?.Message ?? exception.Message).Replace("\r", "").Split('\n')[0];
            problems.Add(new PolicyProblem(file, (int)exception.Start.Line, message, (int)exception.Start.Column));
            return null;
        }

        if (brand is null)
        {
            problems.Add(new PolicyProblem(file, 1, "the file is empty"));
            return null;
        }

        var before = problems.Count;
        void Check(bool ok, string key, string message)
        {
            if (!ok)
            {
                problems.Add(new PolicyProblem(file, LineOf(text, key), message));
            }
        }

        Check(!string.IsNullOrWhiteSpace(brand.BotName) && brand.BotName.Length <= 40, "botName", "botName must be 1 to 40 characters");
        Check(AccentColour.IsHexColour(brand.Accent), "accent", $"accent '{brand.Accent}' is not a colour written #rrggbb");
        if (AccentColour.IsHexColour(brand.Accent))
        {
            var contrast = AccentColour.WhiteContrast(brand.Accent);
            Check(contrast >= AccentColour.MinimumContrast, "accent",
                string.Create(CultureInfo.InvariantCulture, $"accent '{brand.Accent}' is too light for white text ({contrast:0.0}:1, at least {AccentColour.MinimumContrast}:1)"));
        }

        Check(brand.Initials is null || brand.Initials.Length is >= 1 and <= 3 && brand.Initials.All(char.IsLetterOrDigit),
            "initials", "initials must be 1 to 3 letters or digits");
        Check(brand.Initials is not null || brand.Logo is not null, "botName", "give initials or a logo for the bot's avatar");
        var logoPath = brand.Logo is null ? null : Path.Combine(folder, brand.Logo);
        if (brand.Logo is not null)
        {
            var imageName = brand.Logo == Path.GetFileName(brand.Logo) && !brand.Logo.StartsWith('.') && LogoTypes.Contains(Path.GetExtension(brand.Logo));
            Check(imageName, "logo", $"logo '{brand.Logo}' must be a .png, .svg, .jpg or .webp file name in the policy's folder");
            Check(!imageName || File.Exists(logoPath), "logo", $"logo '{brand.Logo}' is not in the folder");
        }

        foreach (var language in PolicyLoader.Languages)
        {
            Check(!string.IsNullOrWhiteSpace(brand.Welcome.GetValueOrDefault(language)), "welcome", $"the welcome line in '{language}' is missing");
        }

        return problems.Count == before ? new LoadedBrand(brand, logoPath) : null;
    }

    /// <summary>The line of a top-level key (brand files are flat), or 1 when the key is absent.</summary>
    private static int LineOf(string text, string key)
    {
        var lines = text.Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return at < 0 ? 1 : at + 1;
    }
}
