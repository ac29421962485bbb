using System.Net;
using RefundBot.Bot.Tests.ScaleOut;

namespace RefundBot.Bot.Tests;

/// <summary>
/// The real bot process, started as an operator would: from any working directory it serves its pages and writes
/// nothing there; a deployment it cannot serve (broken policy, no web root) stops it with exit code 1 and one line of
/// standard error per problem, no stack trace.
/// </summary>
public sealed class StartupTests : IDisposable
{
    private static readonly TimeSpan RefusalTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("refundbot-start-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Started_from_another_working_directory_the_bot_serves_its_pages_and_writes_nothing_there()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_directory, "cwd")).FullName;

        await using var bot = await BotProcess.StartAsync(LocalPostgres.FreePort(), new Dictionary<string, string>(), elsewhere);
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };

        foreach (var page in new[] { "/", "/chat", "/agent/login" })
        {
            var response = await http.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {page} answered {(int)response.StatusCode}");
            Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }

    [Fact]
    public async Task A_broken_policy_content_stops_the_bot_with_exit_code_1_and_one_line_per_problem()
    {
        var content = Path.Combine(_directory, "policy-content");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "policy-content"), content);
        Directory.CreateDirectory(Path.Combine(content, "half-copied"));
        var rules = Path.Combine(content, "tech-services", "policy.yaml");
        File.WriteAllText(rules, File.ReadAllText(rules).Replace("business: Tech Services Online", "business: {Tech Services Online"));

        var (exitCode, standardError) = await BotProcess.RunUntilExitAsync(LocalPostgres.FreePort(),
            new Dictionary<string, string> { ["Policies:ContentPath"] = content, ["Storage:Provider"] = "Memory" }, RefusalTimeout);

        var lines = standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(1, exitCode);
        Assert.True(lines.Length == 2, $"expected one line per problem (2), got:\n{standardError}");
        Assert.Contains(lines, l => l.Contains(Path.Combine("half-copied", "policy.yaml")) && l.Contains("no policy.yaml"));
        Assert.Contains(lines, l => l.Contains(Path.Combine("tech-services", "policy.yaml") + ":5:11:") && l.Contains("never closed"));
        Assert.DoesNotContain("   at ", standardError);
        Assert.DoesNotContain("Unhandled exception", standardError);
    }

    [Fact]
    public async Task A_brand_with_a_bad_colour_or_no_brand_file_stops_the_bot_naming_the_file()
    {
        var content = Path.Combine(_directory, "policy-content");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "policy-content"), content);
        var brand = Path.Combine(content, "necxian", "brand.yaml");
        File.WriteAllText(brand, File.ReadAllText(brand).Replace("accent: \"#3d3a8c\"", "accent: \"#3d3a8\""));
        File.Delete(Path.Combine(content, "tech-services", "brand.yaml"));

        var (exitCode, standardError) = await BotProcess.RunUntilExitAsync(LocalPostgres.FreePort(),
            new Dictionary<string, string> { ["Policies:ContentPath"] = content, ["Storage:Provider"] = "Memory" }, RefusalTimeout);

        var lines = standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(1, exitCode);
        Assert.True(lines.Length == 2, $"expected one line per problem (2), got:\n{standardError}");
        Assert.Contains(lines, l => l.Contains(Path.Combine("necxian", "brand.yaml") + ":5:") && l.Contains("'#3d3a8' is not a colour"));
        Assert.Contains(lines, l => l.Contains(Path.Combine("tech-services", "brand.yaml")) && l.Contains("the brand is missing"));
        Assert.DoesNotContain("   at ", standardError);
    }

    [Fact]
    public async Task A_missing_web_root_stops_the_bot_with_one_line_saying_so()
    {
        var (exitCode, standardError) = await BotProcess.RunUntilExitAsync(LocalPostgres.FreePort(),
            new Dictionary<string, string> { ["webroot"] = Path.Combine(_directory, "no-such-wwwroot"), ["Storage:Provider"] = "Memory" }, RefusalTimeout);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("no-such-wwwroot", line);
        Assert.DoesNotContain("   at ", standardError);
    }

    [Fact]
    public async Task In_production_without_an_app_id_the_bot_refuses_to_start_in_one_line()
    {
        var (exitCode, standardError) = await BotProcess.RunUntilExitAsync(LocalPostgres.FreePort(), new Dictionary<string, string>
        {
            ["environment"] = "Production", ["BotConnector:AllowUnauthenticated"] = "false", ["Storage:Provider"] = "Memory",
        }, RefusalTimeout);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("BotConnector:AppId", line);
        Assert.DoesNotContain("   at ", standardError);
    }

    [Fact]
    public async Task A_key_certificate_that_cannot_be_read_stops_the_bot_in_one_line()
    {
        var notAPfx = Path.Combine(_directory, "keys.pfx");
        File.WriteAllText(notAPfx, "not a certificate");

        var (exitCode, standardError) = await BotProcess.RunUntilExitAsync(LocalPostgres.FreePort(), new Dictionary<string, string>
        {
            ["DataProtection:CertificatePath"] = notAPfx, ["DataProtection:CertificatePassword"] = "the-password", ["Storage:Provider"] = "Memory",
        }, RefusalTimeout);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("DataProtection:CertificatePath", line);
        Assert.DoesNotContain("the-password", standardError);
        Assert.DoesNotContain("   at ", standardError);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
