using MailKit.Security;

namespace RefundBot.Bot.Notifications;

/// <summary>
/// The SMTP server the bot e-mails customers through ("Email" section). Off when <see cref="Host"/> is empty: then the
/// bot asks no one for an address and says that answers come in the chat.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The SMTP server's host name; empty turns e-mail off.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// How the connection is secured: <c>StartTls</c> (the default: the server must offer STARTTLS), <c>SslOnConnect</c>
    /// (port 465), <c>StartTlsWhenAvailable</c>, <c>Auto</c>, or <c>None</c> (a relay on the same host or network only).
    /// </summary>
    public SecureSocketOptions Tls { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>The sender's address (required when e-mail is on), e.g. <c>refunds@example.com</c>.</summary>
    public string? From { get; set; }

    /// <summary>The sender's display name; the policy's business name when empty.</summary>
    public string? FromName { get; set; }

    /// <summary>Optional SMTP credentials (both or neither).</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The bot's public address, which resume links start with (required when e-mail is on), e.g. <c>https://support.example.com</c>.</summary>
    public string? LinkBaseUrl { get; set; }

    /// <summary>How long a resume link reopens its conversation.</summary>
    public TimeSpan ResumeLinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long one attempt at sending (connect, authenticate, send) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
