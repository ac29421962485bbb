using System.Globalization;
using System.Text.RegularExpressions;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Dialogs.Tests.Decisions;

/// <summary>
/// A decision, put into words, is true of this customer's case (issue 27, policy-content/WRITING.md): a full refund
/// never mentions an amount kept, withheld or deducted; a date the bot counts is never "at the latest" beside a policy
/// that allows longer; and no two sentences in a row start alike. One row per decision of the five policies.
/// </summary>
public sealed partial class DecisionWordingTests
{
    private const string Now = "2026-03-20T10:00:00+01:00";

    private static readonly Lazy<PolicyCatalog> Policies =
        new(() => PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")));

    private static readonly DecisionPresenter Presenter = new(BotTexts.LoadEmbedded());

    /// <summary>Words that say money was held back, in either language.</summary>
    private static readonly string[] HeldBack =
        ["withheld", "kept", "deducted", "not refunded", "your use of the service", "retenu", "conservé", "déduit", "non remboursé", "votre utilisation"];

    public static TheoryData<string, string, Outcome> Decisions => new()
    {
        { "masecurite", "purchase_date=2026-03-15; request_type=refund; plan=annual; amount_paid=120; installation_fee=0; days_used=0; hardware_received=false", Outcome.FullRefund },
        { "masecurite", "purchase_date=2026-03-15; request_type=refund; plan=annual; amount_paid=120; installation_fee=50; days_used=10; hardware_received=false", Outcome.PartialRefund },
        { "masecurite", "purchase_date=2026-01-10; request_type=refund; after_window_reason=unresolved_technical_problem; troubleshooting_outcome=not_tried", Outcome.TroubleshootingRequired },
        { "seven-day-services", "purchase_date=2026-03-18; proof_of_purchase=verified:3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b; terms_violation=false; purchase_type=one-time; reason_category=technical_problem; amount_paid=80; used_percent=0", Outcome.FullRefund },
        { "seven-day-services", "purchase_date=2026-03-18; proof_of_purchase=verified:3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b; terms_violation=false; purchase_type=one-time; reason_category=technical_problem; amount_paid=80; used_percent=25", Outcome.PartialRefund },
        { "smarters-pro", "purchase_date=2026-03-19; purchase_time=12:00; problem_type=other; troubleshooting_outcome=unresolved; amount_paid=59.99", Outcome.FullRefund },
        { "smarters-pro", "purchase_date=2026-03-19; purchase_time=12:00; problem_type=other; troubleshooting_outcome=not_tried", Outcome.TroubleshootingRequired },
        { "smarters-pro", "purchase_date=2026-03-10; purchase_time=12:00; problem_type=other; troubleshooting_outcome=unresolved", Outcome.HumanReview },
        { "necxian", "purchase_date=2026-03-18; product_type=digital_product; reason_category=technical_problem; troubleshooting_outcome=not_tried", Outcome.TroubleshootingRequired },
        { "necxian", "purchase_date=2026-03-18; product_type=physical_product; product_issue=neither", Outcome.HumanReview },
        { "tech-services", "purchase_date=2026-03-18; purchase_type=one-off; service_status=started; service_date=2026-03-18; issue_cause=our_mistake; troubleshooting_outcome=not_tried", Outcome.TroubleshootingRequired },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_full_refund_never_mentions_money_held_back(string policyId, string facts, Outcome outcome)
    {
        foreach (var (decision, text) in Presented(policyId, facts, outcome).Where(p => p.Decision.Outcome == Outcome.FullRefund))
        {
            Assert.Equal(decision.Breakdown!.Paid, decision.Breakdown.Refund);
            Assert.DoesNotContain(HeldBack, word => text.Contains(word, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_partial_refund_names_each_amount_held_back(string policyId, string facts, Outcome outcome)
    {
        foreach (var (decision, text) in Presented(policyId, facts, outcome).Where(p => p.Decision.Outcome == Outcome.PartialRefund))
        {
            Assert.Equal(decision.Breakdown!.Lines.Count(l => l.Amount > 0), AmountLine().Matches(text).Count);
        }
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_counted_date_is_arithmetic_never_a_deadline(string policyId, string facts, Outcome outcome)
    {
        foreach (var (decision, text) in Presented(policyId, facts, outcome))
        {
            Assert.DoesNotContain("at the latest", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("au plus tard", text, StringComparison.OrdinalIgnoreCase);
            if (decision.Timeline is { LatestDate: not null, BusinessDays: { } days })
            {
                Assert.Matches($@"(For reference, {days} business days from today is|À titre indicatif, {days} jours ouvrés à compter d'aujourd'hui)", text);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void No_two_sentences_in_a_row_start_alike(string policyId, string facts, Outcome outcome)
    {
        foreach (var (_, text) in Presented(policyId, facts, outcome))
        {
            var openings = Sentences(text).Select(s => string.Join(' ', s.Split(' ', 3).Take(2)).ToLowerInvariant()).ToList();
            for (var i = 1; i < openings.Count; i++)
            {
                Assert.True(openings[i] != openings[i - 1], $"two sentences in a row start \"{openings[i]}\":\n{text}");
            }
        }
    }

    /// <summary>The decision and its message in English and in French.</summary>
    private static IEnumerable<(Decision Decision, string Text)> Presented(string policyId, string facts, Outcome outcome)
    {
        var policy = Policies.Value.Get(policyId);
        var decision = EligibilityEngine.Decide(policy, Facts(policy, facts), DateTimeOffset.Parse(Now, CultureInfo.InvariantCulture));
        Assert.True(decision.Outcome == outcome, $"{policyId}: expected {outcome}, got {decision.Outcome} (rule {decision.RuleId})");
        foreach (var (language, culture) in new[] { ("en", "en-US"), ("fr", "fr-FR") })
        {
            yield return (decision, Presenter.Present(decision, policy, language, CultureInfo.GetCultureInfo(culture)));
        }
    }

    private static FactValues Facts(Policy policy, string facts)
    {
        var values = new Dictionary<string, object>();
        foreach (var pair in facts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, text) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            values[name] = FactReader.Read(policy.Fact(name)!, text, out var problem) ?? throw new ArgumentException(problem);
        }

        return new FactValues(values);
    }

    /// <summary>The prose sentences of a message (list lines of amounts left out), without Markdown emphasis.</summary>
    private static IEnumerable<string> Sentences(string text) =>
        text.Replace("**", "").Split('\n')
            .Where(line => !line.StartsWith("- ", StringComparison.Ordinal))
            .SelectMany(line => SentenceEnd().Split(line))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0);

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    /// <summary>An amount line that holds money back: "- label: −€7.00".</summary>
    [GeneratedRegex(@"^- .+−", RegexOptions.Multiline)]
    private static partial Regex AmountLine();
}
