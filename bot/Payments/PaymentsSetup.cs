using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Runtime.Outbox;

namespace RefundBot.Bot.Payments;

/// <summary>
/// Refunds carried out (<c>Payments</c>): the connector per policy (manual by default), the bot's approval limit, the
/// Stripe connector and its webhook, the outbox handler that calls them, and the desk's list of refunds.
/// </summary>
public static class PaymentsSetup
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaymentOptions>().Bind(configuration.GetSection(PaymentOptions.Section))
            .Validate(o => PaymentConnectors.All.Contains(o.Connector) && o.Policies.Values.All(p => p.Connector is null || PaymentConnectors.All.Contains(p.Connector)),
                $"Payments:Connector (and each Payments:Policies:{{id}}:Connector) must be one of: {string.Join(", ", PaymentConnectors.All)}.")
            .Validate(o => o.BotLimit is null or >= 0 && o.Policies.Values.All(p => p.BotLimit is null or >= 0), "Payments:BotLimit may not be negative.")
            .ValidateOnStart();
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section))
            .Validate<IOptions<PaymentOptions>>((stripe, payments) => !UsesStripe(payments.Value) || !string.IsNullOrEmpty(stripe.ApiKey),
                "Payments:Stripe:ApiKey is required when a policy's refunds go through Stripe.")
            .Validate(stripe => Uri.TryCreate(stripe.ApiBase, UriKind.Absolute, out _), "Payments:Stripe:ApiBase must be an absolute URL.")
            .ValidateOnStart();
        services.AddHttpClient(StripeRefundConnector.HttpClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<StripeOptions>>().Value.Timeout);
        services.AddSingleton<IRefundConnector, StripeRefundConnector>();
        services.AddSingleton<IOutboxHandler, RefundExecutionHandler>();
        services.AddSingleton<RefundDesk>();
        return services;
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app) => app.MapStripeWebhook();

    private static bool UsesStripe(PaymentOptions options) =>
        options.Connector == PaymentConnectors.Stripe || options.Policies.Values.Any(p => p.Connector == PaymentConnectors.Stripe);
}
