using RefundBot.Bot.ChatPage;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.Tests.ChatPage;

/// <summary>
/// policy-content/{id}/brand.yaml: the five businesses' brands load; a broken one is a problem naming the file and
/// line, as the policy loader reports rules, so the bot does not start with it.
/// </summary>
public sealed class BrandLoaderTests : IDisposable
{
    private const string Good = """
        botName: Necxian
        initials: NX
        accent: "#3d3a8c"
        welcome:
          en: Necxian refunds.
          fr: Remboursements Necxian.
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("refundbot-brand-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_business_in_policy_content_has_a_valid_brand()
    {
        var content = Path.Combine(AppContext.BaseDirectory, "policy-content");
        var policies = PolicyLoader.LoadAll(content);

        var brands = BrandLoader.LoadAll(content, policies);

        Assert.All(policies.All, p => Assert.Equal(p.Business, brands.Get(p.Id).Brand.BotName));
        Assert.EndsWith("logo.svg", brands.Get("necxian").LogoPath);
    }

    [Theory]
    [InlineData("accent: \"#3d3a8c\"", "accent: \"blue\"", 3, "accent 'blue' is not a colour written #rrggbb")]
    [InlineData("accent: \"#3d3a8c\"", "accent: \"#3d3a8\"", 3, "accent '#3d3a8' is not a colour written #rrggbb")]
    [InlineData("accent: \"#3d3a8c\"", "accent: \"#f5c400\"", 3, "accent '#f5c400' is too light for white text (1.6:1, at least 4.5:1)")]
    [InlineData("\n  fr: Remboursements Necxian.", "", 4, "the welcome line in 'fr' is missing")]
    [InlineData("initials: NX", "initials: N.X", 2, "initials must be 1 to 3 letters or digits")]
    [InlineData("initials: NX", "logo: logo.png", 2, "logo 'logo.png' is not in the folder")]
    [InlineData("initials: NX", "logo: ../masecurite/logo.svg", 2, "logo '../masecurite/logo.svg' must be a .png, .svg, .jpg or .webp file name in the policy's folder")]
    [InlineData("initials: NX", "logo: logo.html", 2, "logo 'logo.html' must be a .png, .svg, .jpg or .webp file name in the policy's folder")]
    [InlineData("initials: NX", "", 1, "give initials or a logo for the bot's avatar")]
    [InlineData("botName: Necxian", "botName: \"\"", 1, "botName must be 1 to 40 characters")]
    public void A_broken_brand_is_a_problem_naming_its_file_and_line(string replace, string with, int line, string message)
    {
        var problem = Assert.Single(Load(Good.Replace(replace, with)));

        Assert.Equal(Path.Combine(Path.GetFileName(_folder), "brand.yaml"), problem.File);
        Assert.Equal(line, problem.Line);
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void An_unknown_property_or_a_missing_file_is_a_problem_too()
    {
        var unknown = Assert.Single(Load(Good + "\ncolour: red\n"));
        Assert.Equal(7, unknown.Line);
        Assert.Contains("colour", unknown.Message);

        File.Delete(Path.Combine(_folder, "brand.yaml"));
        var problems = new List<PolicyProblem>();
        Assert.Null(BrandLoader.Load(_folder, problems));
        Assert.Contains("the brand is missing", Assert.Single(problems).Message);
    }

    [Fact]
    public void A_logo_in_the_folder_is_kept_with_its_full_path()
    {
        File.WriteAllText(Path.Combine(_folder, "logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        var problems = new List<PolicyProblem>();

        var brand = BrandLoader.Load(Write(Good.Replace("initials: NX", "logo: logo.svg")), problems);

        Assert.Empty(problems);
        Assert.Equal(Path.Combine(_folder, "logo.svg"), brand!.LogoPath);
    }

    [Theory]
    [InlineData("#ffffff", 1.0)]
    [InlineData("#000000", 21.0)]
    [InlineData("#1f4e79", 8.7)]
    [InlineData("#767676", 4.5)]
    public void White_on_the_accent_has_the_WCAG_contrast_ratio(string accent, double expected) =>
        Assert.Equal(expected, AccentColour.WhiteContrast(accent), precision: 1);

    private List<PolicyProblem> Load(string yaml)
    {
        var problems = new List<PolicyProblem>();
        Assert.Null(BrandLoader.Load(Write(yaml), problems));
        return problems;
    }

    private string Write(string yaml)
    {
        File.WriteAllText(Path.Combine(_folder, "brand.yaml"), yaml);
        return _folder;
    }
}
