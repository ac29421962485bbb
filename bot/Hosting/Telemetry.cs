using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics, exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (environment or
/// configuration; OTEL_EXPORTER_OTLP_PROTOCOL and the other standard OTEL_* settings apply). Without an endpoint nothing is
/// collected, so the bot pays nothing for it. Exported: the bot's own "RefundBot" source and meter (turns, decisions by
/// outcome, escalations, errors; see <see cref="BotTelemetry"/>) and ASP.NET Core's requests.
/// </summary>
public static class Telemetry
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("refundbot", serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing.AddSource(BotTelemetry.Name).AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(BotTelemetry.Name).AddAspNetCoreInstrumentation())
            .UseOtlpExporter();
        return services;
    }
}
