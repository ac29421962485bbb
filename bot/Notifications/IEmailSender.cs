using MimeKit;

namespace RefundBot.Bot.Notifications;

/// <summary>Hands an e-mail to the SMTP server; returns once the server accepted it, throws when it did not.</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
