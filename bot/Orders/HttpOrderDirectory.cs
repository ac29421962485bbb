using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Orders;

/// <summary>
/// A business's own order API: <c>GET {UrlTemplate}</c> answering 200 with
/// <c>{ "purchaseDate": "2026-03-01", "purchaseTime": "14:30", "facts": { "plan": "annual", "amount_paid": "120" } }</c>
/// or 404. Timeouts and 5xx/429 answers are retried (the client's resilience handler); when the API still fails,
/// the order counts as not found and the bot asks the customer, so a broken API never breaks a conversation.
/// </summary>
public sealed partial class HttpOrderDirectory(HttpClient http, IOptions<OrderOptions> options, ILogger<HttpOrderDirectory> logger) : IOrderDirectory
{
    public async Task<OrderRecord?> FindAsync(string policyId, string orderId, CancellationToken cancellationToken)
    {
        var settings = options.Value.Http;
        var url = settings.UrlTemplate
            .Replace("{orderId}", Uri.EscapeDataString(orderId), StringComparison.Ordinal)
            .Replace("{policyId}", Uri.EscapeDataString(policyId), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!string.IsNullOrEmpty(settings.AuthHeaderName))
        {
            request.Headers.TryAddWithoutValidation(settings.AuthHeaderName, settings.AuthHeaderValue);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<OrderResponse>(ActivityJson.Options, cancellationToken);
            return body is null ? null : new OrderRecord(orderId, policyId, body.PurchaseDate, body.PurchaseTime, body.Facts ?? []) { Payment = body.Payment };
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or TimeoutException
                                          or Polly.Timeout.TimeoutRejectedException)
        {
            LogUnavailable(logger, Redact.OrderId(orderId), exception.GetType().Name);
            return null;
        }
    }

    private sealed record OrderResponse(DateOnly PurchaseDate, TimeOnly? PurchaseTime, Dictionary<string, string>? Facts, OrderPayment? Payment = null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The order API could not answer for order {MaskedOrderId} ({Error}); the bot will ask the customer")]
    private static partial void LogUnavailable(ILogger logger, string maskedOrderId, string error);
}
