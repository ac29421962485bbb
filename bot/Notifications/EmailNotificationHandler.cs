using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MimeKit;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.Notifications;

/// <summary>
/// Carries out <see cref="CaseNotifications"/> records: e-mails the case's customer, in the case's language, with the
/// policy's texts (<see cref="NotificationTexts"/>) and, for a Web Chat conversation, a resume link. Each (case, event)
/// is sent once: a marker document <c>notifications/{case}/{event}</c> is written as soon as the SMTP server accepted
/// the message, and a record whose marker exists is skipped, so the outbox's retries and recoveries never send it
/// twice. (A crash between the server's acceptance and the marker's write is the one way to a second copy; the
/// message id is the same, so mail systems that de-duplicate show one.) A case erased meanwhile, or without an
/// address, is sent nothing.
/// </summary>
internal sealed partial class EmailNotificationHandler(
    CaseStore cases,
    IDocumentStore store,
    NotificationTexts texts,
    ResumeTokens resumeTokens,
    IEmailSender sender,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    PolicyCatalog policies,
    ILogger<EmailNotificationHandler> logger) : IOutboxHandler
{
    public const string MarkerPrefix = "notifications/";
    private const int MarkerAttempts = 3;

    public string Kind => CaseNotifications.RecordKind;

    public string DestinationOf(OutboxRecord record) => "smtp";

    public static string MarkerKey(CaseNotifications.Notice notice) => $"{MarkerPrefix}{notice.CaseId}/{notice.EventId}";

    public async Task CarryOutAsync(OutboxRecord record, IReplyDelivery? live, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || record.Value?.Deserialize<CaseNotifications.Notice>(ActivityJson.Options) is not { } notice)
        {
            return;
        }

        var marker = MarkerKey(notice);
        if (await store.ReadAsync(marker, cancellationToken) is not null)
        {
            LogAlreadySent(logger, notice.Notification, notice.CaseId);
            return;
        }

        if (await cases.FindAsync(notice.CaseId, cancellationToken) is not { ContactEmail: { Length: > 0 } address } refundCase)
        {
            return; // erased ("forget me"), or the address was never given
        }

        var message = Compose(refundCase, notice, record.Reference, address);
        await sender.SendAsync(message, cancellationToken);
        await RecordSentAsync(marker, message.MessageId ?? "", notice);
        LogSent(logger, notice.Notification, notice.CaseId, Redact.Email(address));
    }

    /// <summary>
    /// Once the server accepted the message, its marker is written with retries of its own and never rethrown: a failure
    /// here must not make the outbox send the message again.
    /// </summary>
    private async Task RecordSentAsync(string marker, string messageId, CaseNotifications.Notice notice)
    {
        var json = JsonSerializer.Serialize(new { notice.Notification, messageId, sentAt = clock.GetUtcNow() }, ActivityJson.Options);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.WriteAsync(marker, json, ETags.Any, CancellationToken.None);
                return;
            }
            catch (Exception exception) when (attempt < MarkerAttempts)
            {
                LogMarkerRetry(logger, exception, notice.CaseId);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), CancellationToken.None);
            }
            catch (Exception exception)
            {
                LogMarkerLost(logger, exception, notice.Notification, notice.CaseId);
                return;
            }
        }
    }

    internal MimeMessage Compose(RefundCase refundCase, CaseNotifications.Notice notice, ConversationReference reference, string address)
    {
        var settings = options.Value;
        var language = refundCase.Language == "fr" ? "fr" : "en";
        var culture = CultureInfo.GetCultureInfo(BotTexts.DefaultCulture(language));
        var policyId = refundCase.PolicyId;
        var business = texts.Business(policyId);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["business"] = business,
            ["caseId"] = refundCase.Id,
            ["amount"] = Amount(refundCase, culture),
            ["timeline"] = Timeline(refundCase, language),
        };
        values["outcome"] = OutcomeKey(refundCase, notice) is { } outcomeKey && texts.Has(policyId, outcomeKey)
            ? texts.Get(policyId, language, outcomeKey, values)
            : "";

        var paragraphs = new List<string>
        {
            texts.Get(policyId, language, "greeting", values),
            texts.Get(policyId, language, $"body.{notice.Notification}", values),
        };
        if (ResumeLink(reference, settings) is { } link)
        {
            values["link"] = link.Url;
            values["expires"] = link.Expires.ToString(language == "fr" ? "d MMMM yyyy" : "MMMM d, yyyy", culture);
            paragraphs.Add(texts.Get(policyId, language, "link", values));
        }
        else
        {
            paragraphs.Add(texts.Get(policyId, language, "noLink", values));
        }

        paragraphs.Add(texts.Get(policyId, language, "signature", values));
        paragraphs.Add(texts.Get(policyId, language, "why", values));

        var message = new MimeMessage
        {
            Subject = texts.Get(policyId, language, $"subject.{notice.Notification}", values),
            MessageId = $"{refundCase.Id}.{notice.EventId}@refundbot",
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = string.Join("\n\n", paragraphs) },
        };
        message.Body.Headers.Add(HeaderId.ContentLanguage, language); // a Content-* header belongs to the body part in MIME
        message.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(settings.FromName) ? business : settings.FromName, settings.From ?? ""));
        message.To.Add(MailboxAddress.Parse(address));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    /// <summary>The policy's refund timeline in its own words, counted from now (the refund issued), or nothing.</summary>
    private string Timeline(RefundCase refundCase, string language) =>
        refundCase.PolicyId is { } policyId && policies.Find(policyId) is { } policy && CaseTimeline.From(refundCase, clock.GetUtcNow(), policy) is { } timeline
            ? timeline.Text.In(language)
            : "";

    /// <summary>A link that reopens a Web Chat conversation; other channels (Teams) keep their conversations themselves.</summary>
    private (string Url, DateTimeOffset Expires)? ResumeLink(ConversationReference reference, EmailOptions settings)
    {
        if (reference.ChannelId != "directline" || reference.Conversation?.Id is not { } conversationId
            || !Uri.TryCreate(settings.LinkBaseUrl, UriKind.Absolute, out var root))
        {
            return null;
        }

        var expires = clock.GetUtcNow() + settings.ResumeLinkLifetime;
        var token = resumeTokens.Issue(conversationId, expires);
        return (new Uri(root, $"{ResumeApi.PagePath}?t={Uri.EscapeDataString(token)}").ToString(), expires);
    }

    /// <summary>An agent's refund names its amount ("outcome.agent-partial": "a partial refund of €7.45 is approved").</summary>
    private static string? OutcomeKey(RefundCase refundCase, CaseNotifications.Notice notice) => notice.Notification switch
    {
        CaseNotifications.AgentDecision when refundCase.AgentDecision is { Amount: > 0 } agent => $"outcome.agent-{agent.Outcome}",
        CaseNotifications.AgentDecision => $"outcome.{refundCase.Status}",
        CaseNotifications.Decided when refundCase.Decision is { } decision => $"outcome.{decision.Outcome}",
        _ => null,
    };

    /// <summary>The refund the case stands at: the refund requested, else an agent's amount replaces the bot's (a denial's zero, or its own figure).</summary>
    private static string Amount(RefundCase refundCase, CultureInfo culture)
    {
        var (refund, currency) = refundCase switch
        {
            { Payment: { } payment } => (payment.Amount, payment.Currency),
            { AgentDecision: { Amount: > 0 and var amount, Currency: { } agentCurrency } } => (amount, agentCurrency),
            { Decision.Breakdown: { } breakdown } => (breakdown.Refund, breakdown.Currency),
            _ => (0m, ""),
        };
        if (currency.Length == 0)
        {
            return "";
        }

        // As the chat writes amounts (DecisionPresenter.FormatMoney): the currency's symbol in the customer's culture.
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = currency switch { "EUR" => "€", "USD" => "$", "GBP" => "£", var other => other };
        return refund.ToString("C2", format);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the {Notification} e-mail of case {CaseId} to {MaskedEmail}")]
    private static partial void LogSent(ILogger logger, string notification, string caseId, string maskedEmail);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Notification} e-mail of case {CaseId} was already sent; not sent again")]
    private static partial void LogAlreadySent(ILogger logger, string notification, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record that the e-mail of case {CaseId} was sent; trying again")]
    private static partial void LogMarkerRetry(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Notification} e-mail of case {CaseId} was sent but could not be recorded as sent")]
    private static partial void LogMarkerLost(ILogger logger, Exception exception, string notification, string caseId);
}
