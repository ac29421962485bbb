using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RefundBot.Bot.Payments;

namespace RefundBot.Bot.Tests.Payments;

/// <summary>
/// A business's refund endpoint on loopback, as the signed-webhook connector calls it: <c>POST /refunds</c> checks the
/// <c>RefundBot-Signature</c> with the shared secret (as the business would, 401 when it is not valid), records every
/// request, and carries a refund out once per idempotency key, after the answers a test scripts (a 500, a slow answer).
/// </summary>
public sealed class FakeRefundEndpoint : IAsyncDisposable
{
    public const string Secret = "shop-webhook-secret";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _byKey = new(StringComparer.Ordinal);

    private FakeRefundEndpoint(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    /// <summary>Every refund carried out, one per idempotency key.</summary>
    public IReadOnlyCollection<JsonObject> Refunds => [.. _byKey.Values];

    /// <summary>Every request received: its body, its signature header, and whether the signature was valid.</summary>
    public ConcurrentQueue<(string Body, string? Signature, bool Valid)> Requests { get; } = new();

    /// <summary>What the next requests meet, in order: a status to answer with (nothing carried out), or a delay after carrying it out.</summary>
    private ConcurrentQueue<(int? Status, TimeSpan? Delay)> Script { get; } = new();

    public static async Task<FakeRefundEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeRefundEndpoint(app);
        app.MapPost("/refunds", fake.ReceiveAsync);
        await app.StartAsync();
        fake.Url = app.Urls.First() + "/refunds";
        return fake;
    }

    /// <summary>Answers the next request with <paramref name="status"/>, without carrying anything out.</summary>
    public void FailNext(int status) => Script.Enqueue((status, null));

    /// <summary>Carries the next refund out, then waits <paramref name="delay"/> before answering (the caller times out meanwhile).</summary>
    public void AnswerLate(TimeSpan delay) => Script.Enqueue((null, delay));

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var signature = context.Request.Headers[WebhookSignature.Header].FirstOrDefault();
        var valid = WebhookSignature.IsValid(signature, buffer.ToArray(), Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        Requests.Enqueue((body, signature, valid));
        if (!valid)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        Script.TryDequeue(out var step);
        if (step.Status is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        var request = JsonNode.Parse(body)!.AsObject();
        _byKey.TryAdd(request["idempotency_key"]!.GetValue<string>(), request);
        if (step.Delay is { } delay)
        {
            await Task.Delay(delay, CancellationToken.None);
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    /// <summary>A completion as the business reports it on the bot's callback: the body and its signature, signed at <paramref name="at"/>.</summary>
    public static (string Body, string Signature) Completion(
        string eventId, string caseId, string key, string status, DateTimeOffset at, string secret = Secret, string? refundId = "shop-refund-1")
    {
        var body = new JsonObject
        {
            ["id"] = eventId,
            ["case_id"] = caseId,
            ["idempotency_key"] = key,
            ["status"] = status,
            ["refund_id"] = refundId,
        }.ToJsonString();
        return (body, WebhookSignature.Sign(System.Text.Encoding.UTF8.GetBytes(body), secret, at));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
