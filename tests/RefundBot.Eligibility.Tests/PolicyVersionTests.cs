using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Tests;

/// <summary>
/// A policy's version is the hash of its folder's text files: the same on every machine and whatever the line endings,
/// different as soon as a file changes, and a stored copy of the files loads again as the same version.
/// </summary>
public sealed class PolicyVersionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("policy-versions-").FullName;

    [Fact]
    public void The_hash_is_fixed_by_the_files_names_and_text_alone()
    {
        // The format, written out: each file in name order as "name\nbyte count\ntext", LF endings, no byte-order mark.
        var folder = PolicyFolder.FromFiles("demo", new Dictionary<string, string> { ["policy.yaml"] = "id: demo\n", ["policy.en.md"] = "# Demo\n" });

        Assert.Equal(HashOf("policy.en.md\n7\n# Demo\npolicy.yaml\n9\nid: demo\n"), folder.Hash);
        Assert.Equal(folder.Hash, PolicyFolder.FromFiles("demo", new Dictionary<string, string> { ["policy.en.md"] = "\uFEFF# Demo\r\n", ["policy.yaml"] = "id: demo\r\n" }).Hash);
    }

    [Fact]
    public void CRLF_line_endings_and_a_byte_order_mark_do_not_change_the_version()
    {
        var lf = Copy("masecurite", "lf");
        var crlf = Copy("masecurite", "crlf");
        foreach (var file in Directory.GetFiles(crlf))
        {
            File.WriteAllText(file, "\uFEFF" + File.ReadAllText(file).Replace("\n", "\r\n", StringComparison.Ordinal), new System.Text.UTF8Encoding(true));
        }

        var problems = new List<PolicyProblem>();
        var fromLf = PolicyLoader.Load(PolicyFolder.FromFiles("masecurite", PolicyFolder.Read(lf).Files), problems)!;
        var fromCrlf = PolicyLoader.Load(PolicyFolder.FromFiles("masecurite", PolicyFolder.Read(crlf).Files), problems)!;

        Assert.Empty(problems);
        Assert.Equal(PolicyFolder.Read(lf).Hash, PolicyFolder.Read(crlf).Hash);
        Assert.Equal(fromLf.Version, fromCrlf.Version);
        Assert.Equal(Policies.Get("masecurite").Version, fromLf.Version);
    }

    [Theory]
    [InlineData("policy.yaml")]
    [InlineData("policy.fr.md")]
    [InlineData("reasons.yaml")]
    public void A_change_to_any_file_is_a_new_version(string file)
    {
        var folder = Copy("masecurite", "changed");
        var before = PolicyFolder.Read(folder).Hash;

        File.AppendAllText(Path.Combine(folder, file), "\n# changed\n");

        Assert.NotEqual(before, PolicyFolder.Read(folder).Hash);
    }

    [Fact]
    public void A_version_may_have_a_label_and_a_stored_copy_of_its_files_loads_as_the_same_policy()
    {
        var folder = Copy("masecurite", "labelled");
        var rules = Path.Combine(folder, "policy.yaml");
        File.WriteAllText(rules, File.ReadAllText(rules).Replace("currency: EUR", "currency: EUR\nversionLabel: 2026-03 spring", StringComparison.Ordinal));
        var problems = new List<PolicyProblem>();
        var served = PolicyLoader.Load(folder, problems)!;

        var stored = PolicyLoader.Load(PolicyFolder.FromFiles("masecurite", served.Source!.Files), problems)!;

        Assert.Empty(problems);
        Assert.Equal(new PolicyVersion(PolicyFolder.Read(folder).Hash, "2026-03 spring"), served.Version);
        Assert.Equal(served.Version, stored.Version);
        var facts = Policies.Facts(stored, "purchase_date=2026-03-21", "plan=annual", "amount_paid=120", "days_used=10", "request_type=refund", "installation_fee=0", "hardware_received=false");
        Assert.Equal(116.71m, EligibilityEngine.Decide(stored, facts, new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.FromHours(2))).Breakdown!.Refund);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A copy of a policy folder named as the policy (the loader checks the id against the folder's name).</summary>
    private string Copy(string policyId, string name)
    {
        var target = Path.Combine(_directory, name, policyId);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(Policies.ContentDirectory, policyId)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    private static string HashOf(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
