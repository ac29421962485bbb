using System.Globalization;
using System.Net;
using MimeKit;
using netDumbster.smtp;

namespace RefundBot.Browser.Tests;

/// <summary>
/// The chat page's bot with e-mail on: a loopback SMTP server (netDumbster on a free port of 127.0.0.1) receives what
/// the bot's outbox sends, and resume links start with the bot's own loopback address, so a test can open them.
/// </summary>
public class EmailChatPageFixture : ChatPageFixture
{
    private SimpleSmtpServer _smtp = null!;

    public override Task InitializeAsync()
    {
        _smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        return base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _smtp.Dispose();
    }

    /// <summary>The messages the SMTP server received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Received() =>
        [.. _smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))];

    /// <summary>Waits for the outbox to send: it runs after the turn that decided, not within it.</summary>
    public async Task<MimeMessage> NextEmailAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (_smtp.ReceivedEmailCount < count)
        {
            if (DateTime.UtcNow > until)
            {
                throw new Xunit.Sdk.XunitException($"the SMTP server received {_smtp.ReceivedEmailCount} e-mails in {timeout}, not {count}");
            }

            await Task.Delay(200);
        }

        return Received()[count - 1];
    }

    protected override IEnumerable<KeyValuePair<string, string>> BotSettings() =>
    [
        new("Email:Host", "127.0.0.1"),
        new("Email:Port", _smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture)),
        new("Email:Tls", "None"),
        new("Email:From", "refunds@shop.example"),
        new("Email:LinkBaseUrl", BaseUrl),
    ];
}

[CollectionDefinition(Name)]
public sealed class EmailChatPageCollection : ICollectionFixture<EmailChatPageFixture>
{
    public const string Name = "chat page with e-mail";
}
