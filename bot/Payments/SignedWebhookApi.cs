using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Runtime;

namespace RefundBot.Bot.Payments;

/// <summary>
/// <c>POST /api/payments/webhook/{policy}</c>: the business tells where a refund the signed-webhook connector asked
/// for stands (<see cref="WebhookRefundEvent"/>: succeeded, failed, canceled, pending). The body is signed as the
/// requests are (<see cref="WebhookSignature"/>, the policy's secret; a forged signature, or a timestamp more than
/// <see cref="SignedWebhookOptions.Tolerance"/> from the bot's clock: 400). Only a case of that policy whose refund
/// went through this connector is touched. The result is told to the case's conversation as a turn that records the
/// event's id in its commit, so an event delivered again is applied once. 200 once told (or when the case is not
/// ours or was erased); 503 when the bot is stopping (the business sends it again); 404 for a policy without endpoint.
/// </summary>
public static partial class SignedWebhookApi
{
    public const string Path = "/api/payments/webhook/{policy}";
    private const int MaxBody = 64 * 1024;

    public static IEndpointRouteBuilder MapSignedWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string policy, HttpRequest request, IOptions<SignedWebhookOptions> options, CaseStore cases, ITurnEntrance turns, IReplyChannels channels,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SignedWebhookApi));
        if (options.Value.For(policy) is not { } endpoint)
        {
            return Results.NotFound();
        }

        if (request.ContentLength > MaxBody)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The event is too large.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBody)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The event is too large.");
        }

        var body = buffer.ToArray();
        if (!WebhookSignature.IsValid(request.Headers[WebhookSignature.Header].ToString(), body, endpoint.Secret!, clock.GetUtcNow(), options.Value.Tolerance))
        {
            LogRefused(logger, policy);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The event's signature is not valid, or it is too old.");
        }

        if (Parse(body) is not { } refundEvent)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: "The event needs an id, a case_id, an idempotency_key and a status (succeeded, failed, canceled or pending).");
        }

        if (await cases.FindAsync(refundEvent.CaseId!, cancellationToken) is not { Reference: { } reference, Payment.Connector: PaymentConnectors.Webhook } refundCase
            || refundCase.PolicyId != policy)
        {
            LogNotOurs(logger, policy);
            return Results.Ok(); // not a refund this policy's endpoint was asked for, or its case was erased
        }

        var result = new RefundResult(refundCase.Id, refundEvent.IdempotencyKey!, refundEvent.Status!, refundEvent.RefundId, refundEvent.FailureReason,
            EventId: $"webhook-{policy}-{refundEvent.Id}");
        if (!await turns.RunAsync(reference.Event(PaymentEvents.Result, clock.GetUtcNow(), result), channels.For(reference), cancellationToken))
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The bot is stopping; send the event again.");
        }

        LogReceived(logger, policy, refundEvent.Status!);
        return Results.Ok();
    }

    private static WebhookRefundEvent? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<WebhookRefundEvent>(body, WebhookJson.Options) is
            {
                Id: { } id, CaseId: { Length: > 0 and <= 64 }, IdempotencyKey: { Length: > 0 and <= 128 },
                Status: RefundPaymentStatus.Succeeded or RefundPaymentStatus.Failed or RefundPaymentStatus.Canceled or RefundPaymentStatus.Pending,
            } refundEvent && EventId().IsMatch(id) && refundEvent.RefundId is null or { Length: <= 128 } && refundEvent.FailureReason is null or { Length: <= 200 }
                ? refundEvent
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,100}$")]
    private static partial Regex EventId();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A refund callback for policy {PolicyId} was refused: its signature is not valid, or it is too old")]
    private static partial void LogRefused(ILogger logger, string policyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A refund callback for policy {PolicyId} names no refund of its own; ignored")]
    private static partial void LogNotOurs(ILogger logger, string policyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A refund callback for policy {PolicyId} reported {Status}")]
    private static partial void LogReceived(ILogger logger, string policyId, string status);
}
