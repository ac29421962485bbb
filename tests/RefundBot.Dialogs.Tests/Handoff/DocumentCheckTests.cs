using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Tests.Handoff;

/// <summary>
/// The desk's accept / reject of a receipt (issue 23) is a turn of the customer's conversation: the document's status,
/// the case's move and the customer's message come from the same turn. Accepted, the provisional refund stands;
/// rejected, the engine decides again on the rejected document and the customer reads the agent's reason; a rejection
/// without a reason, a second check, or a "verified as stated" on a document is refused and tells the customer nothing.
/// </summary>
public sealed class DocumentCheckTests
{
    private const string Receipt = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly DateTimeOffset Asked = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly AgentIdentity Alice = new("alice", "Alice");

    [Fact]
    public async Task An_accepted_receipt_makes_the_provisional_refund_stand_and_the_customer_is_told_in_that_turn()
    {
        var (bot, cases, checker) = await BotWithAsync(Awaiting());

        var (result, replies) = await bot.DeskAsync(_ => checker.CheckAsync("RB-DOC00001", Alice, "proof_of_purchase", accepted: true, null, default));

        Assert.Equal(DeskResult.Done, result);
        var saved = (await cases.FindAsync("RB-DOC00001"))!;
        Assert.Equal(CaseStatus.Decided, saved.Status);
        Assert.Equal("verified:" + Receipt, saved.Facts["proof_of_purchase"]);
        Assert.Equal((FactSource.Agent, "alice", null), (saved.SourceOf("proof_of_purchase").Source, saved.SourceOf("proof_of_purchase").By, saved.SourceOf("proof_of_purchase").Was));
        var told = Assert.Single(replies).Text!;
        Assert.StartsWith("Our team has checked the file you sent and accepted it as your proof of purchase.", told);
        Assert.Contains("your refund stands", told);
    }

    [Fact]
    public async Task A_rejected_receipt_is_decided_again_by_the_policy_and_the_customer_reads_the_reason()
    {
        var (bot, cases, checker) = await BotWithAsync(Awaiting());

        var (result, replies) = await bot.DeskAsync(_ => checker.CheckAsync("RB-DOC00001", Alice, "proof_of_purchase", accepted: false, "the receipt is for another shop", default));

        Assert.Equal(DeskResult.Done, result);
        var saved = (await cases.FindAsync("RB-DOC00001"))!;
        Assert.Equal((CaseStatus.Decided, "denied", "no-proof-of-purchase"), (saved.Status, saved.Decision!.Outcome, saved.Decision.RuleId));
        Assert.Equal("rejected:" + Receipt, saved.Facts["proof_of_purchase"]);
        Assert.Contains(saved.History, e => e.Why == "document rejected: proof_of_purchase: the receipt is for another shop");
        var told = Assert.Single(replies).Text!;
        Assert.StartsWith("Our team has checked the file you sent and could not accept it as your proof of purchase: `the receipt is for another shop`.", told);
        Assert.Contains("A valid proof of purchase (a receipt or an order confirmation) is required for a refund.", told);
    }

    [Fact]
    public async Task No_reason_a_second_check_or_a_verification_as_stated_changes_nothing_and_says_nothing()
    {
        var (bot, cases, checker) = await BotWithAsync(Awaiting());
        var verifier = bot.Services.GetRequiredService<FactVerifier>();

        var noReason = await bot.DeskAsync(_ => checker.CheckAsync("RB-DOC00001", Alice, "proof_of_purchase", accepted: false, "  ", default));
        var asStated = await bot.DeskAsync(_ => verifier.VerifyAsync("RB-DOC00001", Alice, "proof_of_purchase", null, default));
        var notADocument = await bot.DeskAsync(_ => checker.CheckAsync("RB-DOC00001", Alice, "amount_paid", accepted: true, null, default));
        await bot.DeskAsync(_ => checker.CheckAsync("RB-DOC00001", Alice, "proof_of_purchase", accepted: true, null, default));
        var again = await bot.DeskAsync(_ => checker.CheckAsync("RB-DOC00001", Alice, "proof_of_purchase", accepted: false, "changed my mind", default));

        Assert.All([noReason, asStated, notADocument, again], r => Assert.Equal(DeskResult.Invalid, r.Result));
        Assert.All([noReason, asStated, notADocument, again], r => Assert.Empty(r.Replies));
        Assert.Equal("verified:" + Receipt, (await cases.FindAsync("RB-DOC00001"))!.Facts["proof_of_purchase"]);
    }

    private static async Task<(TestBot Bot, CaseStore Cases, DocumentChecker Checker)> BotWithAsync(RefundCase refundCase)
    {
        var bot = new TestBot(new MemoryDocumentStore());
        var cases = bot.Services.GetRequiredService<CaseStore>();
        await cases.SaveAsync(refundCase);
        return (bot, cases, bot.Services.GetRequiredService<DocumentChecker>());
    }

    /// <summary>A provisional refund whose order details the record gave: only the receipt the customer sent is left to check.</summary>
    private static RefundCase Awaiting() => new()
    {
        Id = "RB-DOC00001", ConversationKey = "test/conversations/d1", CreatedAt = Asked, RequestedAt = Asked, Language = "en",
        Reference = new ConversationReference("test", null, new ConversationAccount { Id = "d1" },
            new ChannelAccount { Id = "customer-d1", Role = "user" }, new ChannelAccount { Id = "refundbot", Role = "bot" }, "en-US"),
        OrderId = "SD-2001", PurchaseDate = new DateOnly(2026, 3, 18), Reason = "the service doesn't work", ReasonCategory = "technical_problem",
        Status = CaseStatus.AwaitingVerification, PolicyId = "seven-day-services",
        Facts = new Dictionary<string, string>
        {
            ["purchase_date"] = "2026-03-18", ["proof_of_purchase"] = "received:" + Receipt, ["terms_violation"] = "false",
            ["purchase_type"] = "one-time", ["reason_category"] = "technical_problem", ["amount_paid"] = "79", ["used_percent"] = "0",
        },
        FactSources = new Dictionary<string, FactSource>
        {
            ["purchase_date"] = new(FactSource.OrderRecord, Asked), ["purchase_type"] = new(FactSource.OrderRecord, Asked), ["amount_paid"] = new(FactSource.OrderRecord, Asked),
        },
        Decision = new CaseDecision("fullRefund", "one-time-purchase", ["one-time-purchases"],
            new Eligibility.Model.RefundBreakdown("EUR", 79m, 0m, 0m, 0m, 79m, []), null, []),
        History = [new CaseEvent(Asked, CaseActor.Bot, CaseStatus.Submitted, CaseStatus.AwaitingVerification, "engine: fullRefund")],
    };
}
