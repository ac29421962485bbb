using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Runtime.Outbox;

namespace RefundBot.Bot.Payments;

/// <summary>
/// Refunds carried out (<c>Payments</c>): the connector per policy (manual by default), the bot's approval limit, the
/// Stripe connector and its webhook, the signed-webhook connector and its callback, the outbox handler that calls them, and the desk's list of refunds.
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
        services.AddOptions<SignedWebhookOptions>().Bind(configuration.GetSection(SignedWebhookOptions.Section))
            .Validate<IOptions<PaymentOptions>>((webhook, payments) => WebhookPolicies(payments.Value).All(id => webhook.For(id) is not null),
                "Payments:Webhook:Policies:{id}:Url (an absolute http(s) URL) and :Secret are required for each policy whose refunds go through the signed webhook.")
            .Validate(webhook => webhook.Policies.Values.All(e => e.IsComplete), "Each Payments:Webhook:Policies entry needs an absolute http(s) Url and a Secret.")
            .ValidateOnStart();
        services.AddHttpClient(SignedWebhookRefundConnector.HttpClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<SignedWebhookOptions>>().Value.Timeout);
        services.AddSingleton<IRefundConnector, SignedWebhookRefundConnector>();
        services.AddHttpClient(StripeRefundConnector.HttpClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<StripeOptions>>().Value.Timeout);
        services.AddSingleton<IRefundConnector, StripeRefundConnector>();
        services.AddSingleton<IOutboxHandler, RefundExecutionHandler>();
        services.AddSingleton<RefundDesk>();
        return services;
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app) => app.MapStripeWebhook().MapSignedWebhook();

    private static IEnumerable<string> WebhookPolicies(PaymentOptions options) =>
        options.Policies.Where(p => p.Value.Connector == PaymentConnectors.Webhook).Select(p => p.Key);

    private static bool UsesStripe(PaymentOptions options) =>
        options.Connector == PaymentConnectors.Stripe || options.Policies.Values.Any(p => p.Connector == PaymentConnectors.Stripe);
}
