using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;

namespace RefundBot.Bot.Tests.Payments;

/// <summary>
/// Issue 26 end to end in the host: an MaSécurité customer (order MS-1001, on the order record) is decided €116.71,
/// within the bot's limit, so the bot requests the refund in the decision's commit; the outbox calls the fake Stripe
/// once; the customer is told on their channel when it is issued. Stripe's webhooks are checked by signature and age,
/// and an event delivered twice is applied once.
/// </summary>
public sealed class StripeRefundFlowTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FakeStripe _stripe = null!;
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripe.StartAsync();
        _channel = await FakeChannel.StartAsync();
        _bot = BotUnderTest.WithLiteDb(_directory.File("bot.db"), new Dictionary<string, string?>
        {
            ["Policies:Default"] = "masecurite",
            ["Payments:Connector"] = "stripe",
            ["Payments:Policies:masecurite:BotLimit"] = "200",
            ["Payments:Stripe:ApiKey"] = "sk_test_fake",
            ["Payments:Stripe:ApiBase"] = _stripe.ApiBase,
            ["Payments:Stripe:WebhookSecret"] = FakeStripe.WebhookSecret,
            ["RateLimits:RequestsPerClientPerMinute"] = "0",
            ["RateLimits:MessagesPerConversationPerMinute"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        await _stripe.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_decided_refund_within_the_limit_is_issued_through_stripe_once_and_the_customer_told()
    {
        await DecideAsync("flow-1");

        var issued = await ReplyStartingAsync("**Your refund of €116.71 has been issued.**");

        Assert.Contains("It goes back to the payment method you used for the order.", issued);
        Assert.Contains("When: The refund is processed within a maximum of 14 business days", issued);
        var refund = Assert.Single(_stripe.Refunds);
        Assert.Equal((11671L, "pi_sample_ms1001"), (refund["amount"]!.GetValue<long>(), refund["payment_intent"]!.GetValue<string>()));
        var refunded = await CaseAsync("flow-1");
        Assert.Equal((CaseStatus.Refunded, refund["id"]!.GetValue<string>()), (refunded.Status, refunded.Payment!.ProviderRefundId));
    }

    [Fact]
    public async Task A_pending_refund_is_completed_by_stripes_webhook_and_a_duplicate_event_is_applied_once()
    {
        _stripe.NewStatus = "pending";
        await DecideAsync("flow-2");
        var pending = await WaitForAsync("flow-2", c => c.Payment?.Status == "pending");

        var (body, signature) = FakeStripe.Event("evt_1", "refund.updated", Refund(pending, "succeeded"), DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, await WebhookAsync(body, signature));
        await ReplyStartingAsync("**Your refund of €116.71 has been issued.**");
        var refunded = await CaseAsync("flow-2");

        Assert.Equal(HttpStatusCode.OK, await WebhookAsync(body, signature)); // Stripe delivers it again
        var (charge, chargeSignature) = FakeStripe.Event("evt_2", "charge.refunded",
            new JsonObject { ["id"] = "ch_1", ["object"] = "charge", ["refunds"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(Refund(pending, "succeeded")) } },
            DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, await WebhookAsync(charge, chargeSignature)); // the same news, by another event

        await Task.Delay(300);
        Assert.False(_channel.HasPendingReply, "the customer was told twice");
        Assert.Equal(refunded.History.Count, (await CaseAsync("flow-2")).History.Count);
        Assert.Single(_stripe.Refunds);
    }

    [Fact]
    public async Task A_forged_or_stale_webhook_signature_is_refused_with_400_and_changes_nothing()
    {
        _stripe.NewStatus = "pending";
        await DecideAsync("flow-3");
        var pending = await WaitForAsync("flow-3", c => c.Payment?.Status == "pending");

        var (forged, forgedSignature) = FakeStripe.Event("evt_f", "refund.updated", Refund(pending, "succeeded"), DateTimeOffset.UtcNow, secret: "whsec_not_ours");
        var (stale, staleSignature) = FakeStripe.Event("evt_s", "refund.updated", Refund(pending, "succeeded"), DateTimeOffset.UtcNow.AddMinutes(-10));
        var (body, signature) = FakeStripe.Event("evt_t", "refund.updated", Refund(pending, "succeeded"), DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.BadRequest, await WebhookAsync(forged, forgedSignature));
        Assert.Equal(HttpStatusCode.BadRequest, await WebhookAsync(stale, staleSignature));
        Assert.Equal(HttpStatusCode.BadRequest, await WebhookAsync(body.Replace("succeeded", "canceled"), signature)); // the body changed after signing
        Assert.Equal(HttpStatusCode.BadRequest, await WebhookAsync(body, null));
        Assert.Equal(CaseStatus.RefundPending, (await CaseAsync("flow-3")).Status);
    }

    [Fact]
    public async Task A_refund_stripe_answers_requires_action_stays_pending_on_the_desks_list()
    {
        _stripe.NewStatus = "requires_action";
        await DecideAsync("flow-4");

        var waiting = await WaitForAsync("flow-4", c => c.Payment?.Status == "requires_action");

        Assert.Equal(CaseStatus.RefundPending, waiting.Status);
        var listed = Assert.Single(await _bot.Services.GetRequiredService<RefundBot.Bot.Payments.RefundDesk>().ListAsync(default), i => i.CaseId == waiting.Id);
        Assert.Equal(("requires_action", "none"), (listed.PaymentStatus, listed.Action));
    }

    private static JsonObject Refund(RefundCase refundCase, string status) => new()
    {
        ["id"] = refundCase.Payment!.ProviderRefundId,
        ["object"] = "refund",
        ["amount"] = 11671,
        ["currency"] = "eur",
        ["status"] = status,
        ["metadata"] = new JsonObject { ["refundbot_case"] = refundCase.Id, ["refundbot_key"] = refundCase.Payment.Key },
    };

    private async Task DecideAsync(string conversation)
    {
        await _bot.PostAsync(EmulatorActivities.Message(_channel, conversation, "I want a refund for order MS-1001, it doesn't work", conversation + "-1"));
        await _bot.PostAsync(EmulatorActivities.Message(_channel, conversation, "yes", conversation + "-2"));
        await _bot.PostAsync(EmulatorActivities.Message(_channel, conversation, "Withdrawing and getting my money back", conversation + "-3"));
        await ReplyStartingAsync("**You are eligible for a partial refund of €116.71.**");
        await ReplyStartingAsync("I have requested this refund from our payment system.");
    }

    private async Task<string> ReplyStartingAsync(string start)
    {
        var seen = new StringBuilder();
        while (true)
        {
            var reply = await _channel.NextReplyAsync(TimeSpan.FromSeconds(20));
            if (reply.Text?.StartsWith(start, StringComparison.Ordinal) == true)
            {
                return reply.Text;
            }

            seen.AppendLine(reply.Text);
            Assert.True(seen.Length < 20_000, "no reply starting with " + start + ":\n" + seen);
        }
    }

    private async Task<HttpStatusCode> WebhookAsync(string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RefundBot.Bot.Payments.StripeWebhookApi.Path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        return (await _bot.CreateClient().SendAsync(request)).StatusCode;
    }

    private async Task<RefundCase> CaseAsync(string conversation) =>
        Assert.Single(await _bot.Services.GetRequiredService<CaseStore>().ForConversationAsync($"emulator/conversations/{conversation}"));

    private async Task<RefundCase> WaitForAsync(string conversation, Func<RefundCase, bool> condition)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if ((await _bot.Services.GetRequiredService<CaseStore>().ForConversationAsync($"emulator/conversations/{conversation}")) is [var found] && condition(found))
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the case never got there: " + (await CaseAsync(conversation)).Status);
    }
}
