using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RefundBot.Bot.Notifications;

/// <summary>
/// Sends through the configured SMTP server with MailKit: one connection per message (notifications are few, and a
/// connection held open would be closed by the server between them anyway). Failures throw, and the outbox retries.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host ?? "", settings.Port, settings.Tls, timeout.Token);
        if (!string.IsNullOrEmpty(settings.User))
        {
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", timeout.Token);
        }

        await client.SendAsync(message, timeout.Token);
        await client.DisconnectAsync(quit: true, timeout.Token);
    }
}
