using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.Payments;
using RefundBot.Dialogs.Cases;

namespace RefundBot.Bot.Tests.Payments;

/// <summary>
/// The signed-webhook connector in the host: an MaSécurité case (MS-1001, €116.71, within the bot's limit) is sent to
/// the business's endpoint by the outbox, retried after a 500, and pending once accepted; the business's signed
/// callback completes it and the customer is told; a forged, stale or altered callback is refused with 400 and
/// changes nothing; a callback delivered twice is applied once; another policy's endpoint cannot complete it.
/// </summary>
public sealed class SignedWebhookRefundFlowTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FakeRefundEndpoint _shop = null!;
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _shop = await FakeRefundEndpoint.StartAsync();
        _channel = await FakeChannel.StartAsync();
        _bot = BotUnderTest.WithLiteDb(_directory.File("bot.db"), new Dictionary<string, string?>
        {
            ["Policies:Default"] = "masecurite",
            ["Payments:Policies:masecurite:Connector"] = "webhook",
            ["Payments:Policies:masecurite:BotLimit"] = "200",
            ["Payments:Webhook:Policies:masecurite:Url"] = _shop.Url,
            ["Payments:Webhook:Policies:masecurite:Secret"] = FakeRefundEndpoint.Secret,
            ["Payments:Webhook:Policies:necxian:Url"] = _shop.Url,
            ["Payments:Webhook:Policies:necxian:Secret"] = "necxian-secret",
            ["Outbox:MaxAttempts"] = "3",
            ["Outbox:RetryDelay"] = "00:00:00.050",
            ["Outbox:MaxRetryDelay"] = "00:00:00.200",
            ["RateLimits:RequestsPerClientPerMinute"] = "0",
            ["RateLimits:MessagesPerConversationPerMinute"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        await _shop.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_refund_the_endpoint_accepts_after_a_500_is_pending_until_the_signed_callback_completes_it_once()
    {
        _shop.FailNext(500);
        await DecideAsync("hook-1");
        var pending = await WaitForAsync("hook-1", c => c.Payment?.Status == "pending");
        Assert.Equal((CaseStatus.RefundPending, "webhook"), (pending.Status, pending.Payment!.Connector));
        Assert.Single(_shop.Refunds);
        Assert.Equal(2, _shop.Requests.Count);

        var (body, signature) = FakeRefundEndpoint.Completion("evt-1", pending.Id, pending.Payment.Key, "succeeded", DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, await CallbackAsync("masecurite", body, signature));
        var issued = await ReplyStartingAsync("**Your refund of €116.71 has been issued.**");
        Assert.Contains("When: The refund is processed within a maximum of 14 business days", issued);
        var refunded = await CaseAsync("hook-1");
        Assert.Equal((CaseStatus.Refunded, "shop-refund-1"), (refunded.Status, refunded.Payment!.ProviderRefundId));

        Assert.Equal(HttpStatusCode.OK, await CallbackAsync("masecurite", body, signature)); // delivered again
        await Task.Delay(300);
        Assert.False(_channel.HasPendingReply, "the customer was told twice");
        Assert.Equal(refunded.History.Count, (await CaseAsync("hook-1")).History.Count);
    }

    [Fact]
    public async Task A_duplicate_failure_event_is_applied_once_and_moves_the_case_to_refund_failed()
    {
        await DecideAsync("hook-2");
        var pending = await WaitForAsync("hook-2", c => c.Payment?.Status == "pending");

        var (body, signature) = FakeRefundEndpoint.Completion("evt-2", pending.Id, pending.Payment!.Key, "failed", DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, await CallbackAsync("masecurite", body, signature));
        Assert.Equal(HttpStatusCode.OK, await CallbackAsync("masecurite", body, signature));

        Assert.Equal(CaseStatus.RefundFailed, (await WaitForAsync("hook-2", c => c.Status == CaseStatus.RefundFailed)).Status);
        await ReplyStartingAsync("I'm sorry: our payment system could not issue your refund of €116.71.");
        await Task.Delay(300);
        Assert.False(_channel.HasPendingReply, "the customer was told twice");
    }

    [Fact]
    public async Task A_forged_stale_altered_or_unsigned_callback_is_refused_with_400_and_changes_nothing()
    {
        await DecideAsync("hook-3");
        var pending = await WaitForAsync("hook-3", c => c.Payment?.Status == "pending");
        var key = pending.Payment!.Key;

        var (forged, forgedSignature) = FakeRefundEndpoint.Completion("evt-f", pending.Id, key, "succeeded", DateTimeOffset.UtcNow, secret: "not-the-secret");
        var (stale, staleSignature) = FakeRefundEndpoint.Completion("evt-s", pending.Id, key, "succeeded", DateTimeOffset.UtcNow.AddMinutes(-6));
        var (body, signature) = FakeRefundEndpoint.Completion("evt-t", pending.Id, key, "succeeded", DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.BadRequest, await CallbackAsync("masecurite", forged, forgedSignature));
        Assert.Equal(HttpStatusCode.BadRequest, await CallbackAsync("masecurite", stale, staleSignature));
        Assert.Equal(HttpStatusCode.BadRequest, await CallbackAsync("masecurite", body.Replace("succeeded", "canceled"), signature));
        Assert.Equal(HttpStatusCode.BadRequest, await CallbackAsync("masecurite", body, null));
        Assert.Equal(HttpStatusCode.NotFound, await CallbackAsync("no-such-policy", body, signature));
        Assert.Equal(CaseStatus.RefundPending, (await CaseAsync("hook-3")).Status);
    }

    [Fact]
    public async Task Another_policys_endpoint_cannot_complete_the_refund_even_signed_with_its_own_secret()
    {
        await DecideAsync("hook-4");
        var pending = await WaitForAsync("hook-4", c => c.Payment?.Status == "pending");

        var (body, signature) = FakeRefundEndpoint.Completion("evt-x", pending.Id, pending.Payment!.Key, "succeeded", DateTimeOffset.UtcNow, secret: "necxian-secret");
        Assert.Equal(HttpStatusCode.OK, await CallbackAsync("necxian", body, signature));

        await Task.Delay(300);
        Assert.Equal(CaseStatus.RefundPending, (await CaseAsync("hook-4")).Status);
    }

    [Fact]
    public async Task A_signed_callback_without_the_refunds_fields_is_refused_with_400()
    {
        var body = """{"id":"evt-b","status":"succeeded"}""";
        var signature = WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), FakeRefundEndpoint.Secret, DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.BadRequest, await CallbackAsync("masecurite", body, signature));
        Assert.Equal(HttpStatusCode.BadRequest, await CallbackAsync("masecurite", "not json", WebhookSignature.Sign("not json"u8, FakeRefundEndpoint.Secret, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task A_refund_still_failing_after_the_outboxs_retries_moves_to_refund_failed_and_the_customer_is_told()
    {
        for (var i = 0; i < 3; i++)
        {
            _shop.FailNext(503);
        }

        await DecideAsync("hook-5");

        var failed = await WaitForAsync("hook-5", c => c.Status == CaseStatus.RefundFailed);
        await ReplyStartingAsync("I could not get a confirmation of your refund of €116.71 from our payment system.");
        Assert.Equal(("failed", "unreachable_after_retries"), (failed.Payment!.Status, failed.Payment.FailureReason));
        Assert.Equal(3, _shop.Requests.Count); // Outbox:MaxAttempts, then given up
        Assert.Empty(_shop.Refunds);
        var listed = Assert.Single(await _bot.Services.GetRequiredService<RefundDesk>().ListAsync(default), i => i.CaseId == failed.Id);
        Assert.Equal(("refund-failed", "retry", "unreachable_after_retries"), (listed.Status, listed.Action, listed.FailureReason));
    }

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

    private async Task<HttpStatusCode> CallbackAsync(string policy, string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SignedWebhookApi.Path.Replace("{policy}", policy, StringComparison.Ordinal))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature);
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
