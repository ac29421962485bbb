using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Tests.Transcripts;

namespace RefundBot.Dialogs.Tests.Payments;

/// <summary>
/// Issue 26 in the conversation: the refund is requested in the commit that decides or approves it, under a key
/// derived from the case, only within the bot's limit and on the order record; the payment's results come back as
/// turns of the conversation, each applied once, and the customer is told when it is issued or fails.
/// </summary>
public sealed class RefundPaymentTests
{
    private static readonly string Decided = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Transcripts", "20-masecurite-order-on-record.transcript"));
    private const string Requested = "bot: I have requested this refund from our payment system. I'll tell you here as soon as it is issued.\n";
    private static readonly DateTimeOffset Later = new(2026, 3, 31, 12, 5, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task Within_its_limit_and_on_the_order_record_the_bot_requests_the_refund_with_its_decision()
    {
        var (runner, connector) = await PlayAsync(PaymentConnectors.Stripe, botLimit: 200m, Decided + Requested);

        var refundCase = await CaseAsync(runner);
        var order = Assert.Single(connector.Orders);
        Assert.Equal((CaseStatus.RefundPending, 116.71m, "EUR", PaymentConnectors.Stripe), (refundCase.Status, refundCase.Payment!.Amount, refundCase.Payment.Currency, refundCase.Payment.Connector));
        Assert.Equal((refundCase.Id, refundCase.Payment.Key, 116.71m, "MS-1001"), (order.CaseId, order.Key, order.Amount, order.OrderId));
        Assert.Equal(RefundRequests.KeyOf(refundCase.Id, refundCase.History.Count), order.Key); // the case and the move that requested it
    }

    [Fact]
    public async Task Above_its_limit_the_refund_waits_for_an_agent_whose_one_action_requests_it()
    {
        var (runner, connector) = await PlayAsync(PaymentConnectors.Stripe, botLimit: 100m, Decided);
        Assert.Equal((CaseStatus.Decided, null), ((await CaseAsync(runner)).Status, (await CaseAsync(runner)).Payment));
        Assert.Empty(connector.Orders);

        var told = await SendAsync(runner, PaymentEvents.Approve, new RefundApproval((await CaseAsync(runner)).Id, "alice", "Alice"));

        Assert.StartsWith("Alice from our team approved your refund of €116.71.", Assert.Single(told).Text);
        var order = Assert.Single(connector.Orders);
        Assert.Equal((CaseStatus.RefundPending, order.Key), ((await CaseAsync(runner)).Status, (await CaseAsync(runner)).Payment!.Key));
        Assert.Equal(CaseActor.Agent("alice", "Alice"), (await CaseAsync(runner)).History[^1].By);

        Assert.Empty(await SendAsync(runner, PaymentEvents.Approve, new RefundApproval((await CaseAsync(runner)).Id, "bob", "Bob"))); // approved once
        Assert.Single(connector.Orders);
    }

    [Fact]
    public async Task Without_a_limit_the_bot_requests_nothing_by_itself()
    {
        var (runner, connector) = await PlayAsync(PaymentConnectors.Stripe, botLimit: null, Decided);

        Assert.Equal(CaseStatus.Decided, (await CaseAsync(runner)).Status);
        Assert.Empty(connector.Orders);
    }

    [Fact]
    public async Task A_refund_succeeded_is_told_once_with_its_amount_its_method_and_the_policys_timeline()
    {
        var (runner, _) = await PlayAsync(PaymentConnectors.Stripe, botLimit: 200m, Decided + Requested);
        var refundCase = await CaseAsync(runner);
        var succeeded = new RefundResult(refundCase.Id, refundCase.Payment!.Key, RefundPaymentStatus.Succeeded, "re_1", EventId: "evt_1");

        var told = Assert.Single(await SendAsync(runner, PaymentEvents.Result, succeeded)).Text!;

        Assert.StartsWith("**Your refund of €116.71 has been issued.**\n\nIt goes back to the payment method you used for the order.\n\nWhen: The refund is processed within a maximum of 14 business days", told);
        Assert.EndsWith($"This is recorded on your case **{refundCase.Id}**.", told);
        var refunded = await CaseAsync(runner);
        Assert.Equal((CaseStatus.Refunded, RefundPaymentStatus.Succeeded, "re_1"), (refunded.Status, refunded.Payment!.Status, refunded.Payment.ProviderRefundId));

        Assert.Empty(await SendAsync(runner, PaymentEvents.Result, succeeded)); // the same event again
        Assert.Empty(await SendAsync(runner, PaymentEvents.Result, succeeded with { EventId = "evt_2" })); // the same news in another event
        Assert.Equal(refunded.History.Count, (await CaseAsync(runner)).History.Count);
    }

    [Fact]
    public async Task A_duplicate_webhook_event_is_applied_once_even_when_the_refund_moved_between()
    {
        var (runner, _) = await PlayAsync(PaymentConnectors.Stripe, botLimit: 200m, Decided + Requested);
        var refundCase = await CaseAsync(runner);
        var key = refundCase.Payment!.Key;

        await SendAsync(runner, PaymentEvents.Result, new RefundResult(refundCase.Id, key, RefundPaymentStatus.RequiresAction, "re_1", EventId: "evt_a"));
        await SendAsync(runner, PaymentEvents.Result, new RefundResult(refundCase.Id, key, RefundPaymentStatus.Pending, "re_1", EventId: "evt_b"));
        Assert.Empty(await SendAsync(runner, PaymentEvents.Result, new RefundResult(refundCase.Id, key, RefundPaymentStatus.RequiresAction, "re_1", EventId: "evt_a")));

        Assert.Equal(RefundPaymentStatus.Pending, (await CaseAsync(runner)).Payment!.Status); // evt_a, delivered again late, did not move it back
    }

    [Fact]
    public async Task Pending_and_requires_action_are_recorded_on_the_case_and_told_to_nobody()
    {
        var (runner, _) = await PlayAsync(PaymentConnectors.Stripe, botLimit: 200m, Decided + Requested);
        var refundCase = await CaseAsync(runner);

        Assert.Empty(await SendAsync(runner, PaymentEvents.Result, new RefundResult(refundCase.Id, refundCase.Payment!.Key, RefundPaymentStatus.RequiresAction, "re_1")));

        var waiting = await CaseAsync(runner);
        Assert.Equal((CaseStatus.RefundPending, RefundPaymentStatus.RequiresAction), (waiting.Status, waiting.Payment!.Status));
        Assert.Equal("refund requires_action (stripe)", waiting.History[^1].Why);
    }

    [Fact]
    public async Task A_failed_refund_moves_the_case_to_refund_failed_and_the_customer_is_told_a_person_looks_at_it()
    {
        var (runner, connector) = await PlayAsync(PaymentConnectors.Stripe, botLimit: 200m, Decided + Requested);
        var refundCase = await CaseAsync(runner);

        var told = Assert.Single(await SendAsync(runner, PaymentEvents.Result,
            new RefundResult(refundCase.Id, refundCase.Payment!.Key, RefundPaymentStatus.Failed, "re_1", "expired_or_canceled_card"))).Text;

        Assert.Equal($"I'm sorry: our payment system could not issue your refund of €116.71. A member of our team is looking into it and will come back to you here. Your case is **{refundCase.Id}**.", told);
        var failed = await CaseAsync(runner);
        Assert.Equal((CaseStatus.RefundFailed, "expired_or_canceled_card"), (failed.Status, failed.Payment!.FailureReason));

        // The agent asks for it again: a new request, under a new key.
        await SendAsync(runner, PaymentEvents.Approve, new RefundApproval(refundCase.Id, "alice", "Alice"));
        Assert.Equal(2, connector.Orders.Count);
        Assert.NotEqual(connector.Orders[0].Key, connector.Orders[1].Key);
        Assert.Equal((CaseStatus.RefundPending, connector.Orders[1].Key), ((await CaseAsync(runner)).Status, (await CaseAsync(runner)).Payment!.Key));
    }

    [Fact]
    public async Task A_refund_given_up_unanswered_is_not_told_as_failed_and_asking_again_reuses_its_key()
    {
        var (runner, connector) = await PlayAsync(PaymentConnectors.Stripe, botLimit: 200m, Decided + Requested);
        var refundCase = await CaseAsync(runner);

        var told = Assert.Single(await SendAsync(runner, PaymentEvents.Result,
            new RefundResult(refundCase.Id, refundCase.Payment!.Key, RefundPaymentStatus.Failed, FailureReason: RefundPayment.Unconfirmed))).Text;

        // The payment system never answered: one attempt may have refunded, so "could not issue" would be untrue.
        Assert.Equal($"I could not get a confirmation of your refund of €116.71 from our payment system. A member of our team is checking with it and will come back to you here. Your case is **{refundCase.Id}**.", told);
        Assert.Equal(CaseStatus.RefundFailed, (await CaseAsync(runner)).Status);

        // Asked again on the desk: the same refund under the same key, so the payment system cannot carry it out twice.
        await SendAsync(runner, PaymentEvents.Approve, new RefundApproval(refundCase.Id, "alice", "Alice"));
        Assert.Equal(2, connector.Orders.Count);
        Assert.Equal(connector.Orders[0].Key, connector.Orders[1].Key);
        Assert.Equal((CaseStatus.RefundPending, connector.Orders[0].Key), ((await CaseAsync(runner)).Status, (await CaseAsync(runner)).Payment!.Key));
    }

    [Fact]
    public async Task A_result_for_another_request_of_the_case_changes_nothing()
    {
        var (runner, _) = await PlayAsync(PaymentConnectors.Stripe, botLimit: 200m, Decided + Requested);
        var refundCase = await CaseAsync(runner);

        Assert.Empty(await SendAsync(runner, PaymentEvents.Result, new RefundResult(refundCase.Id, "refundbot-other-key", RefundPaymentStatus.Succeeded, "re_9")));
        Assert.Equal(CaseStatus.RefundPending, (await CaseAsync(runner)).Status);
    }

    [Fact]
    public async Task A_manual_refund_waits_on_the_desk_and_the_agents_done_tells_the_customer()
    {
        var (runner, connector) = await PlayAsync(PaymentConnectors.Manual, botLimit: 200m,
            Decided + "bot: I have passed this refund on to our team, who issue it. I'll tell you here as soon as it is issued.\n");
        var refundCase = await CaseAsync(runner);
        Assert.Equal((CaseStatus.RefundPending, PaymentConnectors.Manual), (refundCase.Status, refundCase.Payment!.Connector));
        Assert.Empty(connector.Orders); // nothing to call: a person issues it

        var told = Assert.Single(await SendAsync(runner, PaymentEvents.Done, new RefundDone(refundCase.Id, "alice", "Alice"))).Text!;

        Assert.StartsWith("**Your refund of €116.71 has been issued.**", told);
        var refunded = await CaseAsync(runner);
        Assert.Equal((CaseStatus.Refunded, CaseActor.Agent("alice", "Alice")), (refunded.Status, refunded.History[^1].By));
        Assert.Empty(await SendAsync(runner, PaymentEvents.Done, new RefundDone(refundCase.Id, "alice", "Alice")));
    }

    [Fact]
    public async Task A_customer_stated_amount_is_not_a_fact_the_bot_refunds_on()
    {
        var (runner, _) = await PlayAsync(PaymentConnectors.Stripe, botLimit: 100m, Decided);
        var decided = await CaseAsync(runner);
        var policy = RefundBot.Eligibility.Loading.PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")).Find("masecurite")!;
        Assert.True(RefundRequests.MayBotRequest(decided, policy, 200m));

        var stated = decided with
        {
            FactSources = new Dictionary<string, FactSource>(decided.FactSources) { ["amount_paid"] = new(FactSource.Customer, decided.CreatedAt) },
        };

        Assert.False(RefundRequests.MayBotRequest(stated, policy, 200m));
        Assert.False(RefundRequests.MayBotRequest(decided, policy, 116.70m));
    }

    private static async Task<(TranscriptRunner Runner, FakeConnector Connector)> PlayAsync(string connector, decimal? botLimit, string transcript)
    {
        var fake = new FakeConnector();
        var runner = new TranscriptRunner(configure: services =>
        {
            services.Configure<PaymentOptions>(o => (o.Connector, o.BotLimit) = (connector, botLimit));
            services.AddSingleton<IOutboxHandler>(fake);
        });
        await runner.RunAsync(Transcript.Parse("payments", transcript));
        return (runner, fake);
    }

    private static async Task<RefundCase> CaseAsync(TranscriptRunner runner) =>
        Assert.Single(await runner.Bot.Services.GetRequiredService<CaseStore>().ForConversationAsync(runner.ConversationKey));

    private static async Task<IReadOnlyList<Activity>> SendAsync(TranscriptRunner runner, string name, object value) =>
        await runner.Bot.SendAsync((await CaseAsync(runner)).Reference!.Event(name, Later, value));

    /// <summary>Stands for the host's refund handler: keeps the refunds it is asked for.</summary>
    private sealed class FakeConnector : IOutboxHandler
    {
        public List<RefundOrder> Orders { get; } = [];

        public string Kind => RefundRequests.RecordKind;

        public string DestinationOf(OutboxRecord record) => "payments";

        public Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken)
        {
            Orders.Add(record.Value!.Value.Deserialize<RefundOrder>(ActivityJson.Options)!);
            return Task.CompletedTask;
        }
    }
}
