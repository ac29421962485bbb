using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RefundBot.Bot.Tests;

/// <summary>OpenTelemetry over OTLP (HTTP/protobuf) to a collector on loopback: the bot's traces and metrics arrive.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _received = new();
    private WebApplication _collector = null!;
    private FakeChannel _channel = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _collector = builder.Build();
        _collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            // Protobuf keeps strings as UTF-8 bytes: names can be found in the raw payload.
            _received.GetOrAdd(signal, _ => new()).Enqueue(Encoding.UTF8.GetString(body.ToArray()));
            return Results.Ok();
        });
        await _collector.StartAsync();
        _channel = await FakeChannel.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task Turns_decisions_and_escalations_are_exported_as_traces_and_metrics()
    {
        await using var bot = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Urls.Single(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        foreach (var (text, id) in new[]
        {
            ("refund for order MS-1001, it does not work", "m1"), ("yes", "m2"), ("Withdrawing and getting my money back", "m3"), ("talk to a person", "m4"),
        })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await bot.PostAsync(EmulatorActivities.Message(_channel, "otel", text, id))).StatusCode);
            await _channel.NextReplyAsync();
        }

        // ASP.NET Core's request metrics are exported too; they may come in a later export than the bot's own.
        string[] metrics = ["refundbot.decisions", "refundbot.escalations", "refundbot.turn.duration", "http.server.request.duration"];
        await WaitUntilAsync(() => metrics.All(n => Exported("metrics", n)) && Exported("traces", "turn"),
            () => string.Join("; ", metrics.Where(n => !Exported("metrics", n))));
    }

    private bool Exported(string signal, string name) =>
        _received.TryGetValue(signal, out var payloads) && payloads.Any(p => p.Contains(name, StringComparison.Ordinal));

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> received)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), $"the collector did not receive everything in 10 s (missing {received()})");
    }
}
