using System.Text.Json;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Dialogs.Tests.Cases;

/// <summary>
/// Every fact on a case says where it comes from: the order record, the customer, or an agent who checked it; a refund
/// resting on facts only the customer gave waits for that check (problem 7 of issue 22).
/// </summary>
public sealed class FactSourceTests
{
    private static readonly DateTimeOffset Asked = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly Eligibility.Model.Policy SevenDay =
        PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")).Get("seven-day-services");

    /// <summary>The SHA-256 of the receipt the customer sends (the proof of purchase is a document an agent checks).</summary>
    private const string Receipt = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b";

    private static readonly CaseActor Alice = CaseActor.Agent("alice", "Alice");
    private static readonly AgentIdentity AtTheDesk = new("alice", "Alice");

    [Fact]
    public async Task Facts_from_the_order_record_are_marked_so_and_only_the_receipt_sent_is_left_to_check()
    {
        var refundCase = await DecideAsync("SD-2001");

        Assert.Equal(CaseStatus.AwaitingVerification, refundCase.Status);
        Assert.All(["amount_paid", "purchase_date", "purchase_type"], id => Assert.Equal(FactSource.OrderRecord, refundCase.SourceOf(id).Source));
        Assert.All(["proof_of_purchase", "terms_violation", "used_percent", "reason_category"], id => Assert.Equal(FactSource.Customer, refundCase.SourceOf(id).Source));
        Assert.Equal(["proof_of_purchase"], refundCase.Unverified(SevenDay)); // a file sent is not yet a file accepted
        Assert.Equal("received:" + Receipt, refundCase.Facts["proof_of_purchase"]);
    }

    [Fact]
    public async Task A_refund_on_facts_only_the_customer_gave_waits_for_their_verification()
    {
        var refundCase = await DecideAsync("SD-9079");

        Assert.Equal(CaseStatus.AwaitingVerification, refundCase.Status);
        Assert.Equal(["amount_paid", "proof_of_purchase", "purchase_date", "purchase_type"], refundCase.Unverified(SevenDay));
        Assert.Equal(FactSource.Customer, refundCase.FactSources["amount_paid"].Source);
        Assert.Equal("engine: fullRefund (rule one-time-purchase)", refundCase.History[^1].Why);
    }

    [Fact]
    public void A_case_recorded_before_sources_were_kept_reads_every_fact_as_the_customers()
    {
        var json = JsonSerializer.Serialize(Awaiting(), ActivityJson.Options);
        var old = JsonSerializer.Deserialize<RefundCase>(json.Replace("\"factSources\"", "\"ignored\""), ActivityJson.Options)!;

        Assert.Empty(old.FactSources);
        Assert.Equal(new FactSource(FactSource.Customer, old.RequestInstant), old.SourceOf("amount_paid"));
    }

    [Fact]
    public void An_agent_verifies_facts_and_the_provisional_decision_stands_once_none_is_left()
    {
        var awaiting = Awaiting();

        var one = awaiting.WithFactVerified("amount_paid", Alice, Asked.AddHours(1))!;
        var all = one.WithFactVerified("purchase_date", Alice, Asked.AddHours(1))!.WithFactVerified("purchase_type", Alice, Asked.AddHours(1))!;

        Assert.Null(one.ConfirmVerified(SevenDay, Alice, Asked.AddHours(1))); // the date and the kind are still the customer's
        Assert.Equal(new FactSource(FactSource.Agent, Asked.AddHours(1), "alice", "Alice"), all.SourceOf("amount_paid"));
        Assert.Equal("fact verified: amount_paid", one.History[^1].Why);
        var confirmed = all.ConfirmVerified(SevenDay, Alice, Asked.AddHours(2));
        Assert.Equal(CaseStatus.Decided, confirmed!.Status);
        Assert.Equal(Alice, confirmed.History[^1].By);
    }

    [Fact]
    public void A_value_the_agent_finds_different_is_kept_with_the_customers_and_an_agent_decides_instead()
    {
        var corrected = Awaiting().WithFactVerified("amount_paid", Alice, Asked.AddHours(1), "59")!
            .WithFactVerified("purchase_date", Alice, Asked.AddHours(1))!.WithFactVerified("purchase_type", Alice, Asked.AddHours(1))!;

        Assert.Equal("59", corrected.Facts["amount_paid"]);
        Assert.Equal("79", corrected.SourceOf("amount_paid").Was);
        Assert.Contains(corrected.History, e => e.Why == "fact corrected: amount_paid");
        Assert.Null(corrected.ConfirmVerified(SevenDay, Alice, Asked.AddHours(2)));
        Assert.Equal(CaseStatus.AwaitingVerification, corrected.Status);
    }

    [Fact]
    public void Only_an_agent_verifies_and_the_bot_never_moves_a_case_that_waits_for_verification()
    {
        var awaiting = Awaiting();

        Assert.Null(awaiting.WithFactVerified("amount_paid", CaseActor.Bot, Asked));
        Assert.Null(awaiting.WithFactVerified("amount_paid", CaseActor.Customer, Asked));
        Assert.Null(awaiting.WithFactVerified("no_such_fact", Alice, Asked));
        Assert.All(CaseLifecycle.All, to => Assert.Null(awaiting.TryMove(to, CaseActor.Bot, Asked.AddHours(1), "engine")));
        Assert.Null(awaiting.TryMove(CaseStatus.RefundPending, Alice, Asked.AddHours(1), "pay"));
    }

    [Fact]
    public async Task The_desks_verification_is_a_turn_that_tells_the_customer_once_the_refund_stands()
    {
        var bot = new TestBot(new MemoryDocumentStore());
        var cases = bot.Services.GetRequiredService<CaseStore>();
        var verifier = bot.Services.GetRequiredService<FactVerifier>();
        await cases.SaveAsync(Awaiting());

        var told = new List<List<Activity>>();
        foreach (var id in new[] { "amount_paid", "purchase_date", "purchase_type", "purchase_type" })
        {
            var (result, replies) = await bot.DeskAsync(_ => verifier.VerifyAsync("RB-TEST0007", AtTheDesk, id, null, CancellationToken.None));
            Assert.Equal(DeskResult.Done, result);
            told.Add(replies);
        }

        var saved = (await cases.FindAsync("RB-TEST0007"))!;
        Assert.Equal(CaseStatus.Decided, saved.Status);
        Assert.Equal((Alice, CaseStatus.AwaitingVerification, CaseStatus.Decided), (saved.History[^2].By, saved.History[^2].From, saved.History[^2].To));
        Assert.Equal(FactSource.Agent, saved.SourceOf("purchase_type").Source);
        Assert.Empty(told[0]);
        Assert.Empty(told[1]);
        Assert.StartsWith("**Our team has checked your order: your refund stands.**", Assert.Single(told[2]).Text);
        Assert.Empty(told[3]); // checked again once decided: noted, nothing more to tell
    }

    [Theory]
    [InlineData("RB-TEST0007", "amount_paid", "seventy-nine", DeskResult.Invalid)] // not an amount
    [InlineData("RB-TEST0007", "no_such_fact", null, DeskResult.Invalid)]
    [InlineData("RB-TEST0007", "terms_violation", null, DeskResult.Invalid)] // a fact of the policy this case does not have
    [InlineData("RB-NOSUCHID", "amount_paid", null, DeskResult.Invalid)]
    [InlineData("RB-NOWHERE1", "amount_paid", null, DeskResult.Invalid)] // no conversation to record it in
    [InlineData("RB-WITHDRWN", "amount_paid", null, DeskResult.CaseFinal)]
    public async Task The_desk_refuses_a_verification_it_cannot_record_and_nothing_changes(string caseId, string factId, string? value, DeskResult expected)
    {
        var bot = new TestBot(new MemoryDocumentStore());
        var cases = bot.Services.GetRequiredService<CaseStore>();
        await cases.SaveAsync(Awaiting());
        await cases.SaveAsync(Awaiting() with { Id = "RB-NOWHERE1", Reference = null });
        await cases.SaveAsync(Awaiting().TryMove(CaseStatus.Withdrawn, CaseActor.Customer, Asked.AddHours(1), "withdrawn")! with { Id = "RB-WITHDRWN" });
        var before = await cases.FindAsync(caseId);

        var (result, told) = await bot.DeskAsync(_ => bot.Services.GetRequiredService<FactVerifier>().VerifyAsync(caseId, AtTheDesk, factId, value, CancellationToken.None));

        Assert.Equal(expected, result);
        Assert.Empty(told);
        Assert.Equal(JsonSerializer.Serialize(before, ActivityJson.Options), JsonSerializer.Serialize(await cases.FindAsync(caseId), ActivityJson.Options));
    }

    [Fact]
    public async Task The_cases_waiting_for_verification_are_read_through_the_index_by_status_the_longest_waiting_first()
    {
        var cases = new CaseStore(new NoScanStore(), Microsoft.Extensions.Logging.Abstractions.NullLogger<CaseStore>.Instance);
        await cases.SaveAsync(Awaiting());
        await cases.SaveAsync(Awaiting() with { Id = "RB-TEST0008", RequestedAt = Asked.AddMinutes(-5) });
        await cases.SaveAsync(Awaiting().TryMove(CaseStatus.Decided, Alice, Asked.AddHours(1), "facts verified")! with { Id = "RB-TEST0009" });

        Assert.Equal(["RB-TEST0008", "RB-TEST0007"], (await cases.AwaitingVerificationAsync(10)).Select(c => c.Id));
        Assert.Single(await cases.AwaitingVerificationAsync(1));
    }

    /// <summary>
    /// No money moves on the customer's word alone: whoever attempts which move, a case that waits for verification
    /// leaves it only by an agent, the system (facts verified) or the customer (withdrawn), never by the bot, and
    /// reaches a refund only through a person's or the system's move.
    /// </summary>
    [Property(MaxTest = 500)]
    public bool A_provisional_decision_leaves_its_wait_only_by_a_person_or_the_system(CaseLifecycleTests.Attempt[] attempts)
    {
        var walk = Walk(Awaiting(), attempts).ToList();
        var leaves = walk.Pairwise().Where(p => p.Before.Status == CaseStatus.AwaitingVerification && p.After.Status != p.Before.Status);
        return leaves.All(p => p.After.History[^1].By.Kind != CaseActor.BotKind)
            && walk.Where(c => c.Status is CaseStatus.RefundPending or CaseStatus.Refunded)
                .All(c => c.History.Any(e => e.From == CaseStatus.AwaitingVerification && e.To != e.From && e.By.Kind != CaseActor.BotKind));
    }

    private static IEnumerable<RefundCase> Walk(RefundCase current, CaseLifecycleTests.Attempt[]? attempts)
    {
        yield return current;
        foreach (var attempt in attempts ?? [])
        {
            var at = current.History[^1].At.AddMinutes(1);
            current = (attempt.Actor.IsAgent && CaseLifecycle.IsOpen(current.Status) && AgentOutcomes.All.FirstOrDefault(o => AgentOutcomes.StatusOf(o) == attempt.Target) is { } outcome
                    ? current.WithAgentDecision(new AgentDecision(outcome, "", attempt.Actor.Id!, attempt.Actor.Name!, at))
                    : current.TryMove(attempt.Target, attempt.Actor, at, "attempt"))
                ?? current;
            yield return current;
        }
    }

    /// <summary>A seven-day-services request for <paramref name="orderId"/> ("I paid €79"), decided; only SD-2001 is in the records.</summary>
    private static async Task<RefundCase> DecideAsync(string orderId)
    {
        var orders = new Records(new OrderRecord("SD-2001", "seven-day-services", new DateOnly(2026, 3, 18), null,
            new Dictionary<string, string> { ["purchase_type"] = "one-time", ["amount_paid"] = "79" }));
        var store = new MemoryDocumentStore();
        var bot = new TestBot(store, services => services.AddSingleton<IOrderDirectory>(orders));
        var minute = 0;
        foreach (var text in new[]
                 {
                     $"hi, I want a refund for order {orderId}, bought on the 18th, the service doesn't work, I paid €79",
                     "yes", "📎", "no", "a one-time purchase", "0",
                 })
        {
            var message = TestBot.Message("c-" + orderId, text == "📎" ? "" : text, minute++);
            if (text == "📎")
            {
                message.Attachments = [ReceivedFiles.ToAttachment(new ReceivedFile("receipt.pdf", "application/pdf", 2048, Receipt))];
            }

            message.ChannelData = JsonSerializer.SerializeToElement(new { policy = "seven-day-services" });
            await bot.SendAsync(message);
        }

        return Assert.Single(await bot.Services.GetRequiredService<CaseStore>().ListAsync());
    }

    private static RefundCase Awaiting() => new()
    {
        Id = "RB-TEST0007", ConversationKey = "test/conversations/c7", CreatedAt = Asked, RequestedAt = Asked, Language = "en",
        Reference = new ConversationReference("test", null, new ConversationAccount { Id = "c7" },
            new ChannelAccount { Id = "customer-c7", Role = "user" }, new ChannelAccount { Id = "refundbot", Role = "bot" }, "en-US"),
        OrderId = "SD-9079", PurchaseDate = new DateOnly(2026, 3, 18), Reason = "the service doesn't work", ReasonCategory = "technical_problem",
        Status = CaseStatus.AwaitingVerification, PolicyId = "seven-day-services",
        Facts = new Dictionary<string, string> { ["amount_paid"] = "79", ["purchase_date"] = "2026-03-18", ["purchase_type"] = "one-time", ["proof_of_purchase"] = "verified:" + Receipt },
        FactSources = new Dictionary<string, FactSource>
        {
            ["amount_paid"] = new(FactSource.Customer, Asked), ["proof_of_purchase"] = new(FactSource.Agent, Asked, "alice", "Alice"), // the receipt was accepted
        },
        History = [new CaseEvent(Asked, CaseActor.Bot, CaseStatus.Submitted, CaseStatus.AwaitingVerification, "engine: full-refund")],
    };

    private sealed class Records(params OrderRecord[] records) : IOrderDirectory
    {
        public Task<OrderRecord?> FindAsync(string policyId, string orderId, CancellationToken cancellationToken) =>
            Task.FromResult(records.FirstOrDefault(r => r.PolicyId == policyId && r.OrderId == orderId));
    }
}
