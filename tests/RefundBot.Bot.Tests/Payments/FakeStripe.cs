using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RefundBot.Bot.Tests.Payments;

/// <summary>
/// Stripe's refund API on loopback, as far as the bot uses it: <c>POST /v1/refunds</c> creates a refund once per
/// idempotency key (a repeat under the same key answers the refund created first, as Stripe does), after the answers
/// a test scripts (a 500, a slow answer). It also signs webhook events as Stripe does (<c>t=...,v1=HMAC-SHA256</c>).
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_test_secret";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _byKey = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private int _next;

    private FakeStripe(WebApplication app) => _app = app;

    public string ApiBase { get; private set; } = "";

    /// <summary>Every refund created, in order (one per idempotency key).</summary>
    public ConcurrentQueue<JsonObject> Refunds { get; } = new();

    /// <summary>Every request received: its idempotency key and form (a retry shows twice here, once in <see cref="Refunds"/>).</summary>
    public ConcurrentQueue<(string? Key, Dictionary<string, string> Form)> Requests { get; } = new();

    /// <summary>What the next requests meet, in order: a status code to answer with, or a delay before answering normally.</summary>
    public ConcurrentQueue<Func<HttpContext, Task<bool>>> Script { get; } = new();

    /// <summary>The status new refunds are created in (Stripe's: pending, succeeded, failed, requires_action, canceled).</summary>
    public string NewStatus { get; set; } = "succeeded";

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeStripe(app);
        app.MapPost("/v1/refunds", fake.CreateAsync);
        await app.StartAsync();
        fake.ApiBase = app.Urls.First();
        return fake;
    }

    /// <summary>Answers the next request with <paramref name="status"/> (an error body), without creating anything.</summary>
    public void FailNext(int status) => Script.Enqueue(async context =>
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync("""{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}""");
        return true;
    });

    /// <summary>Creates the refund, then waits <paramref name="delay"/> before answering (the caller times out meanwhile).</summary>
    public void AnswerLate(TimeSpan delay) => Script.Enqueue(async context =>
    {
        await Task.Delay(delay, CancellationToken.None);
        return false;
    });

    private async Task CreateAsync(HttpContext context)
    {
        var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        Requests.Enqueue((key, form));
        JsonObject refund;
        lock (_gate)
        {
            refund = key is not null && _byKey.TryGetValue(key, out var earlier) ? earlier : Create(form, key);
        }

        if (Script.TryDequeue(out var step) && await step(context))
        {
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(refund.ToJsonString());
    }

    private JsonObject Create(Dictionary<string, string> form, string? key)
    {
        var metadata = new JsonObject();
        foreach (var (name, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[name["metadata[".Length..^1]] = value;
        }

        var refund = new JsonObject
        {
            ["id"] = $"re_fake_{Interlocked.Increment(ref _next)}",
            ["object"] = "refund",
            ["amount"] = long.Parse(form.GetValueOrDefault("amount", "0"), System.Globalization.CultureInfo.InvariantCulture),
            ["currency"] = "eur",
            ["payment_intent"] = form.GetValueOrDefault("payment_intent"),
            ["charge"] = form.GetValueOrDefault("charge"),
            ["status"] = NewStatus,
            ["metadata"] = metadata,
        };
        if (key is not null)
        {
            _byKey[key] = refund;
        }

        Refunds.Enqueue(refund);
        return refund;
    }

    /// <summary>A webhook event as Stripe sends it: its body and its <c>Stripe-Signature</c> header, signed at <paramref name="at"/>.</summary>
    public static (string Body, string Signature) Event(string id, string type, JsonObject data, DateTimeOffset at, string secret = WebhookSecret)
    {
        var body = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = "2025-01-27.acacia",
            ["created"] = at.ToUnixTimeSeconds(),
            ["type"] = type,
            ["livemode"] = false,
            ["data"] = new JsonObject { ["object"] = data },
        }.ToJsonString();
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        return (body, $"t={timestamp},v1={signature}");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
