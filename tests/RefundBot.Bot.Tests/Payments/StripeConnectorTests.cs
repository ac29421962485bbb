using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RefundBot.Bot.Payments;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Refund;

namespace RefundBot.Bot.Tests.Payments;

/// <summary>
/// The Stripe connector against a loopback fake of Stripe's API: one refund per idempotency key whatever happens to
/// the calls (a repeat, a 500, a timeout), the amount in exact minor units on the order's PaymentIntent, and Stripe's
/// status reported as it is.
/// </summary>
public sealed class StripeConnectorTests : IAsyncLifetime
{
    private static readonly RefundOrder Order = new("RB-TEST0001", "refundbot-RB-TEST0001-7", PaymentConnectors.Stripe, "masecurite", "MS-1001", 116.71m, "EUR");
    private static readonly OrderPayment Paid = new(PaymentIntent: "pi_sample_ms1001", Method: "card");
    private FakeStripe _stripe = null!;

    public async Task InitializeAsync() => _stripe = await FakeStripe.StartAsync();

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    [Fact]
    public async Task A_refund_asked_again_under_its_key_is_created_once()
    {
        var first = await Connector().RefundAsync(Order, Paid, default);
        var again = await Connector().RefundAsync(Order, Paid, default);

        Assert.Equal(("succeeded", first.RefundId), (again.Status, again.RefundId));
        var refund = Assert.Single(_stripe.Refunds);
        Assert.Equal(2, _stripe.Requests.Count);
        Assert.All(_stripe.Requests, r => Assert.Equal(Order.Key, r.Key));
        var form = _stripe.Requests.First().Form;
        Assert.Equal(("11671", "pi_sample_ms1001", Order.CaseId, Order.Key),
            (form["amount"], form["payment_intent"], form["metadata[refundbot_case]"], form["metadata[refundbot_key]"]));
        Assert.Equal(11671, refund["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_500_is_transient_and_the_retry_under_the_same_key_refunds_once()
    {
        _stripe.FailNext(500);

        await Assert.ThrowsAsync<RefundUnavailableException>(() => Connector().RefundAsync(Order, Paid, default));
        var retried = await Connector().RefundAsync(Order, Paid, default);

        Assert.Equal("succeeded", retried.Status);
        Assert.Single(_stripe.Refunds);
    }

    [Fact]
    public async Task Stripe_nets_own_retry_of_a_500_sends_the_same_key_and_refunds_once()
    {
        _stripe.FailNext(500);

        var answer = await Connector(retries: 2).RefundAsync(Order, Paid, default);

        Assert.Equal("succeeded", answer.Status);
        Assert.Single(_stripe.Refunds);
        Assert.Equal(2, _stripe.Requests.Count);
    }

    [Fact]
    public async Task A_timeout_is_transient_and_the_retry_under_the_same_key_finds_the_refund_created_meanwhile()
    {
        _stripe.AnswerLate(TimeSpan.FromSeconds(3));

        await Assert.ThrowsAsync<RefundUnavailableException>(() => Connector(timeout: TimeSpan.FromMilliseconds(500)).RefundAsync(Order, Paid, default));
        var retried = await Connector().RefundAsync(Order, Paid, default);

        var refund = Assert.Single(_stripe.Refunds); // created by the first call, which timed out
        Assert.Equal(refund["id"]!.GetValue<string>(), retried.RefundId);
    }

    [Theory]
    [InlineData("requires_action")]
    [InlineData("pending")]
    [InlineData("failed")]
    [InlineData("canceled")]
    public async Task Stripes_status_is_reported_as_it_is(string status)
    {
        _stripe.NewStatus = status;

        Assert.Equal(status, (await Connector().RefundAsync(Order, Paid, default)).Status);
    }

    [Fact]
    public async Task A_refusal_is_the_refunds_failure_not_a_retry()
    {
        _stripe.FailNext(400);

        var answer = await Connector().RefundAsync(Order, Paid, default);

        Assert.Equal("failed", answer.Status);
    }

    [Fact]
    public async Task An_order_without_a_payment_reference_is_not_sent_to_stripe()
    {
        var answer = await Connector().RefundAsync(Order, new OrderPayment(Method: "card"), default);

        Assert.Equal(("failed", "no_payment_reference"), (answer.Status, answer.FailureReason));
        Assert.Empty(_stripe.Requests);
    }

    [Fact]
    public async Task A_charge_is_refunded_when_the_record_names_no_payment_intent()
    {
        await Connector().RefundAsync(Order with { Amount = 3.29m }, new OrderPayment(Charge: "ch_1"), default);

        var form = Assert.Single(_stripe.Requests).Form;
        Assert.Equal(("ch_1", "329", false), (form["charge"], form["amount"], form.ContainsKey("payment_intent")));
    }

    [Theory]
    [InlineData("116.71", "EUR", 11671)]
    [InlineData("0.29", "EUR", 29)]
    [InlineData("120", "USD", 12000)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("1.005", "KWD", 1005)]
    public void Amounts_go_to_stripe_in_exact_minor_units(string amount, string currency, long minor) =>
        Assert.Equal(minor, MinorUnits.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));

    [Theory]
    [InlineData("116.715", "EUR")]
    [InlineData("1500.5", "JPY")]
    [InlineData("0", "EUR")]
    public void An_amount_finer_than_the_currency_is_refused_not_rounded(string amount, string currency) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MinorUnits.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));

    private StripeRefundConnector Connector(int retries = 0, TimeSpan? timeout = null) => new(
        new Clients(timeout ?? TimeSpan.FromSeconds(10)),
        Options.Create(new StripeOptions { ApiKey = "sk_test_fake", ApiBase = _stripe.ApiBase, MaxNetworkRetries = retries }),
        NullLogger<StripeRefundConnector>.Instance);

    private sealed class Clients(TimeSpan timeout) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { Timeout = timeout };
    }
}
