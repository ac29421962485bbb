using RefundBot.Eligibility.Loading;

namespace RefundBot.Eligibility.Tests;

/// <summary>
/// policy.yaml's <c>verify</c> list: the facts a refund rests on that the customer's word alone does not settle. The
/// loader refuses an id the policy does not declare (naming the file and the line), as it refuses any other mistake.
/// </summary>
public sealed class PolicyVerificationTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fourteen-day-returns");
    private readonly string _directory = Directory.CreateTempSubdirectory("policies-").FullName;

    [Theory]
    [InlineData("masecurite", "amount_paid,installation_fee,purchase_date")]
    [InlineData("seven-day-services", "amount_paid,purchase_date,purchase_type")]
    [InlineData("smarters-pro", "amount_paid,purchase_date,purchase_time")]
    [InlineData("necxian", "purchase_date,product_type")]
    [InlineData("tech-services", "purchase_date,service_date")]
    public void Each_source_policy_names_what_the_team_checks(string policyId, string facts)
    {
        var policy = Policies.All.Single(p => p.Id == policyId);

        Assert.Equal(facts.Split(','), policy.Verify!.Select(f => f.Id));
        Assert.All(facts.Split(','), id => Assert.True(policy.NeedsVerification(id)));
        // Besides those, only documents (a file is never accepted on the customer's word).
        Assert.DoesNotContain(policy.Facts, f => !facts.Split(',').Contains(f.Id) && f.Type != Model.FactType.Document && policy.NeedsVerification(f.Id));
        Assert.All(policy.Facts.Where(f => f.Type == Model.FactType.Document), f => Assert.True(policy.NeedsVerification(f.Id)));
    }

    [Theory]
    [InlineData("verify: [amount_paid, purchse_date]\n", 30, "verify names unknown fact 'purchse_date'")]
    [InlineData("verify:\n  - amount_paid\n  - opend\n", 32, "verify names unknown fact 'opend'")]
    [InlineData("verify: [amount_paid, amount_paid]\n", 30, "verify names fact 'amount_paid' twice")]
    public void An_unknown_or_repeated_fact_stops_the_load_naming_the_file_and_the_line(string setting, int line, string problem)
    {
        Write(setting);

        var error = Assert.Throws<PolicyValidationException>(() => PolicyLoader.LoadAll(_directory));

        var found = Assert.Single(error.Problems);
        Assert.Equal((Path.Combine("fourteen-day-returns", "policy.yaml"), line, problem), (found.File, found.Line, found.Message));
    }

    [Fact]
    public void Without_the_setting_the_money_facts_and_the_purchase_date_are_verified_and_an_empty_list_verifies_none()
    {
        Write("");
        var defaults = PolicyLoader.LoadAll(_directory).Get("fourteen-day-returns");
        Write("verify: []\n");
        var none = PolicyLoader.LoadAll(_directory).Get("fourteen-day-returns");

        Assert.Null(defaults.Verify);
        Assert.Equal(["purchase_date", "amount_paid", "restocking_fee"], defaults.Facts.Where(f => defaults.NeedsVerification(f.Id)).Select(f => f.Id));
        Assert.DoesNotContain(none.Facts, f => none.NeedsVerification(f.Id));
    }

    /// <summary>The fixture policy with <paramref name="setting"/> written just before its rules.</summary>
    private string Write(string setting)
    {
        var folder = Path.Combine(_directory, "fourteen-day-returns");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Fixture))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var rules = Path.Combine(folder, "policy.yaml");
        var text = File.ReadAllText(rules);
        Assert.Contains("\nrules:\n", text);
        File.WriteAllText(rules, text.Replace("\nrules:\n", "\n" + setting + "rules:\n"));
        return folder;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
