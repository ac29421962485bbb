using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RefundBot.Bot.Payments;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Refund;

namespace RefundBot.Bot.Tests.Payments;

/// <summary>
/// The signed-webhook connector against a loopback fake of a business's refund endpoint: the request is signed so the
/// business can verify it, carries the refund (case, key, order, amount as a decimal string) and nothing personal, and
/// whatever happens to the calls (a 500, a timeout, a repeat) the business is asked under one key, so it refunds once.
/// </summary>
public sealed class SignedWebhookConnectorTests : IAsyncLifetime
{
    private static readonly RefundOrder Order = new("RB-TEST0001", "refundbot-RB-TEST0001-7", PaymentConnectors.Webhook, "masecurite", "MS-1001", 116.71m, "EUR");
    private static readonly OrderPayment Paid = new(PaymentIntent: "pi_sample_ms1001", Method: "card");
    private FakeRefundEndpoint _shop = null!;

    public async Task InitializeAsync() => _shop = await FakeRefundEndpoint.StartAsync();

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task The_request_is_signed_with_the_policys_secret_and_carries_the_refund_and_nothing_personal()
    {
        var answer = await Connector().RefundAsync(Order, Paid, default);

        Assert.Equal("pending", answer.Status);
        var (body, signature, valid) = Assert.Single(_shop.Requests);
        Assert.True(valid, "the business could not verify the signature " + signature);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", signature);
        var sent = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(
            ["amount", "case_id", "currency", "idempotency_key", "order_id", "payment_intent", "policy"],
            sent.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(("RB-TEST0001", "refundbot-RB-TEST0001-7", "MS-1001", "116.71", "EUR"),
            (Get(sent, "case_id"), Get(sent, "idempotency_key"), Get(sent, "order_id"), Get(sent, "amount"), Get(sent, "currency")));
    }

    [Fact]
    public async Task A_signature_under_another_secret_or_over_another_body_does_not_verify()
    {
        await Connector().RefundAsync(Order, Paid, default);
        var (body, signature, _) = Assert.Single(_shop.Requests);
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);

        Assert.True(WebhookSignature.IsValid(signature, bytes, FakeRefundEndpoint.Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.IsValid(signature, bytes, "another secret", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.IsValid(signature, System.Text.Encoding.UTF8.GetBytes(body.Replace("116.71", "1167.1")), FakeRefundEndpoint.Secret,
            DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.IsValid(signature, bytes, FakeRefundEndpoint.Secret, DateTimeOffset.UtcNow.AddMinutes(6), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task A_500_is_transient_and_the_retry_under_the_same_key_refunds_once()
    {
        _shop.FailNext(500);

        await Assert.ThrowsAsync<RefundUnavailableException>(() => Connector().RefundAsync(Order, Paid, default));
        var retried = await Connector().RefundAsync(Order, Paid, default);

        Assert.Equal("pending", retried.Status);
        Assert.Single(_shop.Refunds);
        Assert.Equal(2, _shop.Requests.Count);
        Assert.All(_shop.Requests, r => Assert.Contains("\"idempotency_key\":\"refundbot-RB-TEST0001-7\"", r.Body));
    }

    [Fact]
    public async Task A_timeout_is_transient_and_the_retry_under_the_same_key_refunds_once()
    {
        _shop.AnswerLate(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<RefundUnavailableException>(() => Connector(TimeSpan.FromSeconds(2)).RefundAsync(Order, Paid, default));
        Assert.Single(_shop.Refunds); // the business carried it out; its answer came too late
        var retried = await Connector().RefundAsync(Order, Paid, default);

        Assert.Equal("pending", retried.Status);
        Assert.Single(_shop.Refunds);
        Assert.Equal(2, _shop.Requests.Count);
    }

    [Fact]
    public async Task A_refund_asked_again_under_its_key_is_carried_out_once()
    {
        await Connector().RefundAsync(Order, Paid, default);
        await Connector().RefundAsync(Order, Paid, default);
        await Connector().RefundAsync(Order with { Key = "refundbot-RB-TEST0001-9" }, Paid, default); // a new request, after a failure

        Assert.Equal(2, _shop.Refunds.Count);
        Assert.Equal(3, _shop.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(422)]
    public async Task A_refusal_is_the_refunds_failure_not_a_retry(int status)
    {
        _shop.FailNext(status);

        var answer = await Connector().RefundAsync(Order, Paid, default);

        Assert.Equal(("failed", $"http_{status}"), (answer.Status, answer.FailureReason));
    }

    [Fact]
    public async Task A_policy_without_an_endpoint_fails_the_refund_without_calling_anyone()
    {
        var answer = await Connector().RefundAsync(Order with { PolicyId = "necxian" }, Paid, default);

        Assert.Equal(("failed", "no_webhook_endpoint"), (answer.Status, answer.FailureReason));
        Assert.Empty(_shop.Requests);
    }

    [Fact]
    public void The_amount_is_a_decimal_string_in_the_currencys_decimals_and_never_rounded()
    {
        Assert.Equal("120.00", WebhookRefundRequest.Of(Order with { Amount = 120m }, null).Amount);
        Assert.Equal("1500", WebhookRefundRequest.Of(Order with { Amount = 1500m, Currency = "JPY" }, null).Amount);
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookRefundRequest.Of(Order with { Amount = 116.715m }, null));
    }

    private static string? Get(JsonObject json, string name) => json[name]?.GetValue<string>();

    private SignedWebhookRefundConnector Connector(TimeSpan? timeout = null) => new(
        new Clients(timeout ?? TimeSpan.FromSeconds(10)),
        Options.Create(new SignedWebhookOptions
        {
            Policies = { ["masecurite"] = new WebhookEndpoint { Url = _shop.Url, Secret = FakeRefundEndpoint.Secret } },
        }),
        TimeProvider.System,
        NullLogger<SignedWebhookRefundConnector>.Instance);

    private sealed class Clients(TimeSpan timeout) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { Timeout = timeout };
    }
}
