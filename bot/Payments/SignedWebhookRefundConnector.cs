using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Refund;

namespace RefundBot.Bot.Payments;

/// <summary>
/// Refunds through any other system: a JSON POST of the refund (<see cref="WebhookRefundRequest"/>: the case, the
/// idempotency key, the order and the amount as a decimal string with its currency; no personal data) to the policy's
/// endpoint, signed with <see cref="WebhookSignature"/> under the policy's secret. A 2xx means the business accepted
/// it: the refund is pending until the business reports completion on the signed callback
/// (<see cref="SignedWebhookApi"/>). A 5xx, a 408, a 409, a 429, a timeout or a lost connection is transient
/// (<see cref="RefundUnavailableException"/>: the outbox asks again with back-off, same key, which the business must
/// honour); any other answer is the refund's failure.
/// </summary>
internal sealed partial class SignedWebhookRefundConnector(
    IHttpClientFactory http, IOptions<SignedWebhookOptions> options, TimeProvider clock, ILogger<SignedWebhookRefundConnector> logger) : IRefundConnector
{
    public const string HttpClientName = "payments-webhook";

    public string Name => PaymentConnectors.Webhook;

    public async Task<ConnectorAnswer> RefundAsync(RefundOrder order, OrderPayment? payment, CancellationToken cancellationToken)
    {
        if (options.Value.For(order.PolicyId) is not { } endpoint)
        {
            LogNoEndpoint(logger, order.CaseId, order.PolicyId);
            return new ConnectorAnswer(RefundPaymentStatus.Failed, FailureReason: "no_webhook_endpoint");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookRefundRequest.Of(order, payment), WebhookJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(body, endpoint.Secret!, clock.GetUtcNow()));
        request.Headers.TryAddWithoutValidation("Idempotency-Key", order.Key);
        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new RefundUnavailableException("The business's refund endpoint could not be reached", exception);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                LogAccepted(logger, order.CaseId, status);
                return new ConnectorAnswer(RefundPaymentStatus.Pending);
            }

            if (IsTransient(response.StatusCode))
            {
                throw new RefundUnavailableException($"The business's refund endpoint answered {status}");
            }

            LogRefused(logger, order.CaseId, status);
            return new ConnectorAnswer(RefundPaymentStatus.Failed, FailureReason: string.Create(CultureInfo.InvariantCulture, $"http_{status}"));
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: the business's refund endpoint accepted the refund ({HttpStatus})")]
    private static partial void LogAccepted(ILogger logger, string caseId, int httpStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: the business's refund endpoint refused the refund ({HttpStatus})")]
    private static partial void LogRefused(ILogger logger, string caseId, int httpStatus);

    [LoggerMessage(Level = LogLevel.Error, Message = "Case {CaseId}: policy {PolicyId} has no Payments:Webhook:Policies endpoint (Url and Secret); the refund failed")]
    private static partial void LogNoEndpoint(ILogger logger, string caseId, string policyId);
}

/// <summary>The refund the signed-webhook connector asks the business for (JSON, snake_case), the amount as a decimal string.</summary>
public sealed record WebhookRefundRequest(
    string CaseId, string IdempotencyKey, string Policy, string OrderId, string Amount, string Currency, string? PaymentIntent, string? Charge)
{
    public static WebhookRefundRequest Of(RefundOrder order, OrderPayment? payment)
    {
        MinorUnits.Of(order.Amount, order.Currency); // refuses an amount finer than the currency: never rounded
        var amount = order.Amount.ToString("F" + MinorUnits.DecimalsOf(order.Currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return new(order.CaseId, order.Key, order.PolicyId, order.OrderId, amount, order.Currency, payment?.PaymentIntent, payment?.Charge);
    }
}

/// <summary>What the business reports on the signed callback: its event's id, the refund (case and key) and where it stands.</summary>
public sealed record WebhookRefundEvent(string? Id, string? CaseId, string? IdempotencyKey, string? Status, string? RefundId, string? FailureReason);

internal static class WebhookJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
