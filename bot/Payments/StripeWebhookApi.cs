using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Runtime;
using Stripe;

namespace RefundBot.Bot.Payments;

/// <summary>
/// <c>POST /api/payments/stripe/webhook</c>: Stripe tells where a refund stands (<c>refund.updated</c>,
/// <c>charge.refunded</c>). The signature is checked with Stripe.net's <see cref="EventUtility"/> against
/// <see cref="StripeOptions.WebhookSecret"/> and the bot's clock (a forged signature, or one older than
/// <see cref="StripeOptions.WebhookTolerance"/>: 400). Each refund the event names (by the case and key its metadata
/// carry) is told to the case's conversation as a turn, which records the event's id in its commit, so that an event
/// Stripe delivers again is applied once. 200 once told; 503 when the bot is stopping (Stripe delivers it again).
/// </summary>
public static partial class StripeWebhookApi
{
    public const string Path = "/api/payments/stripe/webhook";
    private const int MaxBody = 256 * 1024;

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, IOptions<StripeOptions> options, CaseStore cases, ITurnEntrance turns, IReplyChannels channels, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(StripeWebhookApi));
        if (string.IsNullOrEmpty(options.Value.WebhookSecret))
        {
            return Results.NotFound();
        }

        if (request.ContentLength > MaxBody)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The event is too large.");
        }

        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(cancellationToken);
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, request.Headers["Stripe-Signature"].ToString(), options.Value.WebhookSecret,
                (long)options.Value.WebhookTolerance.TotalSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (Exception exception) when (exception is StripeException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            LogRefused(logger);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The event's signature is not valid, or it is too old.");
        }

        foreach (var refund in RefundsOf(stripeEvent))
        {
            if (refund.Metadata is null || !refund.Metadata.TryGetValue(StripeRefundConnector.CaseKey, out var caseId)
                || !refund.Metadata.TryGetValue(StripeRefundConnector.RefundKey, out var key)
                || await cases.FindAsync(caseId, cancellationToken) is not { Reference: { } reference })
            {
                continue; // not a refund the bot requested, or its case was erased
            }

            var result = new RefundResult(caseId, key, refund.Status, refund.Id, refund.FailureReason, EventId: $"{stripeEvent.Id}-{refund.Id}");
            if (!await turns.RunAsync(reference.Event(PaymentEvents.Result, clock.GetUtcNow(), result), channels.For(reference), cancellationToken))
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The bot is stopping; send the event again.");
            }
        }

        LogReceived(logger, stripeEvent.Type);
        return Results.Ok();
    }

    private static IEnumerable<Refund> RefundsOf(Event stripeEvent) => stripeEvent.Data?.Object switch
    {
        Refund refund when stripeEvent.Type == EventTypes.RefundUpdated => [refund],
        Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded => charge.Refunds?.Data ?? [],
        _ => [],
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Stripe webhook was refused: its signature is not valid, or it is too old")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "A Stripe {EventType} event was received")]
    private static partial void LogReceived(ILogger logger, string eventType);
}
