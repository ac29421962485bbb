using System.Net;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Refund;
using Stripe;

namespace RefundBot.Bot.Payments;

/// <summary>
/// Refunds through Stripe: a refund on the order's PaymentIntent (else its charge) for the amount in minor units,
/// created under the refund's idempotency key, so that Stripe answers every repeat with the refund it created first.
/// The case and the key go with it as metadata, so that Stripe's webhooks find the case again. A 5xx, a 409, a 429,
/// a timeout or a lost connection is transient (<see cref="RefundUnavailableException"/>: asked again, same key); any
/// other refusal (a charge already refunded, an amount above it) is the refund's failure, with Stripe's code.
/// </summary>
internal sealed partial class StripeRefundConnector(
    IHttpClientFactory http, IOptions<StripeOptions> options, ILogger<StripeRefundConnector> logger) : IRefundConnector
{
    public const string HttpClientName = "stripe";
    public const string CaseKey = "refundbot_case";
    public const string RefundKey = "refundbot_key";

    public string Name => PaymentConnectors.Stripe;

    public async Task<ConnectorAnswer> RefundAsync(RefundOrder order, OrderPayment? payment, CancellationToken cancellationToken)
    {
        if (payment is not ({ PaymentIntent: { Length: > 0 } } or { Charge: { Length: > 0 } }))
        {
            LogNoPayment(logger, order.CaseId);
            return new ConnectorAnswer(RefundPaymentStatus.Failed, FailureReason: "no_payment_reference");
        }

        var settings = options.Value;
        var client = new StripeClient(new StripeClientOptions
        {
            ApiKey = settings.ApiKey,
            ApiBase = settings.ApiBase,
            HttpClient = new SystemNetHttpClient(http.CreateClient(HttpClientName), settings.MaxNetworkRetries),
        });
        var create = new RefundCreateOptions
        {
            PaymentIntent = payment.PaymentIntent is { Length: > 0 } intent ? intent : null,
            Charge = payment.PaymentIntent is { Length: > 0 } ? null : payment.Charge,
            Amount = MinorUnits.Of(order.Amount, order.Currency),
            Metadata = new Dictionary<string, string> { [CaseKey] = order.CaseId, [RefundKey] = order.Key },
        };
        try
        {
            var refund = await new RefundService(client).CreateAsync(create, new RequestOptions { IdempotencyKey = order.Key }, cancellationToken);
            LogAnswered(logger, order.CaseId, refund.Status);
            return new ConnectorAnswer(refund.Status, refund.Id, refund.FailureReason);
        }
        catch (StripeException exception) when (IsTransient(exception.HttpStatusCode))
        {
            throw new RefundUnavailableException($"Stripe answered {(int)exception.HttpStatusCode}", exception);
        }
        catch (StripeException exception)
        {
            LogRefused(logger, order.CaseId, (int)exception.HttpStatusCode, exception.StripeError?.Code);
            return new ConnectorAnswer(RefundPaymentStatus.Failed, FailureReason: exception.StripeError?.Code ?? "refused");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new RefundUnavailableException("Stripe could not be reached", exception);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is 0 or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: Stripe answered the refund with status {Status}")]
    private static partial void LogAnswered(ILogger logger, string caseId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: Stripe refused the refund ({HttpStatus}, {Code})")]
    private static partial void LogRefused(ILogger logger, string caseId, int httpStatus, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: the order record names no PaymentIntent or charge; the refund cannot go through Stripe")]
    private static partial void LogNoPayment(ILogger logger, string caseId);
}
