using RefundBot.Eligibility.Engine;
using RefundBot.Eligibility.Loading;
using RefundBot.Eligibility.Model;

namespace RefundBot.Eligibility.Tests;

/// <summary>
/// A <c>document</c> fact (issue 23): a file the customer sends and an agent checks. Rules read its status, never
/// the customer's word; a document is always verified before a refund resting on it stands; the loader refuses a
/// document fact without a kind, a kind on another fact, and a status no document has.
/// </summary>
public sealed class DocumentFactTests : IDisposable
{
    private const string Hash = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b";
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fourteen-day-returns");
    private readonly string _directory = Directory.CreateTempSubdirectory("policies-").FullName;

    private const string ReceiptFact = """
          - id: receipt
            type: document
            document: proof_of_purchase
            label: { en: Receipt, fr: Reçu }
            question:
              en: Please send a photo or a PDF of your receipt, or write 'later'.
              fr: Envoyez une photo ou un PDF de votre reçu, ou écrivez « plus tard ».

        """;

    private const string ReceiptRule = """
          - id: no-receipt
            section: returns
            when: { fact: receipt, in: [rejected, missing] }
            outcome: denied
            explanation:
              en: A receipt is required.
              fr: Un reçu est nécessaire.

        """;

    [Theory]
    [InlineData("received:" + Hash, DocumentStatus.Received, Hash)]
    [InlineData("verified:" + Hash, DocumentStatus.Verified, Hash)]
    [InlineData("rejected:" + Hash, DocumentStatus.Rejected, Hash)]
    [InlineData("missing", DocumentStatus.Missing, null)]
    public void A_document_value_is_its_status_and_the_file_it_rests_on(string text, DocumentStatus status, string? hash)
    {
        var read = DocumentEvidence.Parse(text);

        Assert.Equal(new DocumentEvidence(status, hash), read);
        Assert.Equal(text, read!.Text);
        Assert.Equal(text.Split(':')[0], FactValues.Canonical(read));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("received")]
    [InlineData("Received:" + Hash)]
    [InlineData("received:" + "3A7BD3E2360A3D29EEA436FCFB7E44C735D117C42D1C1835420B6B9942DD4F1B")]
    [InlineData("received:abc")]
    [InlineData("missing:" + Hash)]
    [InlineData("1:" + Hash)]
    public void Anything_else_is_not_a_document_value(string text) =>
        Assert.Null(DocumentEvidence.Parse(text));

    [Fact]
    public void Rules_decide_on_the_status_and_a_received_file_alone_is_never_a_verified_one()
    {
        var policy = Load(ReceiptFact, ReceiptRule);
        var known = new[] { "purchase_date=2026-03-05", "opened=false", "amount_paid=40" };

        var received = Decide(policy, [.. known, "receipt=received:" + Hash]);
        var rejected = Decide(policy, [.. known, "receipt=rejected:" + Hash]);
        var missing = Decide(policy, [.. known, "receipt=missing"]);
        var unknown = Decide(policy, known);

        Assert.Equal((Outcome.FullRefund, "return"), (received.Outcome, received.RuleId));
        Assert.Equal((Outcome.Denied, "no-receipt"), (rejected.Outcome, rejected.RuleId));
        Assert.Equal((Outcome.Denied, "no-receipt"), (missing.Outcome, missing.RuleId));
        Assert.Equal(["receipt"], unknown.MissingFacts);
        Assert.True(policy.NeedsVerification("receipt")); // so the refund on a received file is provisional
    }

    [Fact]
    public void A_document_needs_verification_even_where_the_policy_verifies_nothing_else()
    {
        var policy = Load(ReceiptFact, ReceiptRule, "verify: []\n");

        Assert.True(policy.NeedsVerification("receipt"));
        Assert.False(policy.NeedsVerification("amount_paid"));
    }

    [Fact]
    public void The_document_may_come_until_the_last_day_of_the_policy_window_counted_from_the_purchase()
    {
        var policy = Load(ReceiptFact, ReceiptRule);
        var facts = Policies.Facts(policy, "purchase_date=2026-03-05");

        Assert.Equal(new DateOnly(2026, 3, 19), DocumentWindow.LastDay(policy, facts));
        Assert.False(DocumentWindow.HasClosed(policy, facts, DateTimeOffset.Parse("2026-03-19T23:30:00+00:00")));
        Assert.True(DocumentWindow.HasClosed(policy, facts, DateTimeOffset.Parse("2026-03-20T00:30:00+00:00")));
        Assert.Null(DocumentWindow.LastDay(policy, new FactValues()));
    }

    [Fact]
    public void The_window_closes_at_the_first_instant_of_the_day_after_its_last_day_in_the_policy_zone()
    {
        var policy = Load(ReceiptFact, ReceiptRule);
        var facts = Policies.Facts(policy, "purchase_date=2026-03-05");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(policy.TimeZone);
        var closes = DocumentWindow.ClosesAt(policy, facts)!.Value;

        Assert.Equal(new DateTime(2026, 3, 20), TimeZoneInfo.ConvertTime(closes, zone).DateTime);
        Assert.False(DocumentWindow.HasClosed(policy, facts, closes.AddTicks(-1)));
        Assert.True(DocumentWindow.HasClosed(policy, facts, closes));
        Assert.Null(DocumentWindow.ClosesAt(policy, new FactValues()));
    }

    [Theory]
    [InlineData("    document: proof_of_purchase\n", "", "document fact 'receipt' needs document: proof_of_purchase or evidence")]
    [InlineData("document: proof_of_purchase", "document: selfie", "document fact 'receipt' needs document: proof_of_purchase or evidence")]
    [InlineData("type: document", "type: boolean", "only document facts have a document ('receipt')")]
    [InlineData("in: [rejected, missing]", "is: true", "'true' is not a possible value of document fact 'receipt'")]
    public void A_document_fact_without_its_kind_or_tested_for_another_value_stops_the_load(string find, string replace, string problem)
    {
        Assert.Contains(find, ReceiptFact + ReceiptRule);
        var error = Assert.Throws<PolicyValidationException>(() => Load(ReceiptFact.Replace(find, replace), ReceiptRule.Replace(find, replace)));

        Assert.Contains(error.Problems, p => p.Message.Contains(problem, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Decision Decide(Policy policy, string[] facts) =>
        EligibilityEngine.Decide(policy, Policies.Facts(policy, facts), DateTimeOffset.Parse("2026-03-10T12:00:00+00:00"));

    private Policy Load(string fact, string rule, string settings = "")
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

        var path = Path.Combine(folder, "policy.yaml");
        var text = File.ReadAllText(path)
            .Replace("\nrules:\n", "\n" + settings + "rules:\n" + rule, StringComparison.Ordinal)
            .Replace("  - id: restocking_fee\n", fact + "  - id: restocking_fee\n", StringComparison.Ordinal);
        File.WriteAllText(path, text);
        return PolicyLoader.LoadAll(_directory).Get("fourteen-day-returns");
    }
}
