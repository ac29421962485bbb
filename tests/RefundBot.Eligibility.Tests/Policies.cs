using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Tests;

/// <summary>The five policies of policy-content/, loaded once as the bot loads them.</summary>
public static class Policies
{
    public static readonly string ContentDirectory = Path.Combine(AppContext.BaseDirectory, "policy-content");

    private static readonly Lazy<PolicyCatalog> Catalog = new(() => PolicyLoader.LoadAll(ContentDirectory));

    public static Policy Get(string id) => Catalog.Value.Get(id);

    public static IReadOnlyList<Policy> All => Catalog.Value.All;

    /// <summary>Facts from "name=value" pairs, read as the API reads them.</summary>
    public static FactValues Facts(Policy policy, params string[] pairs)
    {
        var values = new Dictionary<string, object>();
        foreach (var pair in pairs)
        {
            var (name, text) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            var definition = policy.Fact(name) ?? throw new ArgumentException($"{policy.Id} has no fact '{name}'");
            values[name] = FactReader.Read(definition, text, out var problem) ?? throw new ArgumentException(problem);
        }

        return new FactValues(values);
    }

    public static Decision Decide(string policyId, string now, params string[] facts)
    {
        var policy = Get(policyId);
        return EligibilityEngine.Decide(policy, Facts(policy, facts), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A request made at <paramref name="requestedAt"/> and decided at <paramref name="decidedAt"/>.</summary>
    public static Decision DecideAsked(string policyId, string requestedAt, string decidedAt, params string[] facts)
    {
        var policy = Get(policyId);
        var instants = new DecisionInstants(Instant(requestedAt), Instant(decidedAt));
        return EligibilityEngine.Decide(policy, Facts(policy, facts), instants);
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
