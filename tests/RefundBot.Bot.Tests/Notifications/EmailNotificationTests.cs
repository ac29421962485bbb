using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using RefundBot.Bot.Notifications;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Privacy;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests.Notifications;

/// <summary>
/// Customer e-mails through a real SMTP exchange: a loopback SMTP server (netDumbster, on a free port of 127.0.0.1)
/// receives what the bot's outbox sends, and the test reads it: address, subject, language, body, and the resume
/// link, which is exchanged for a Direct Line token of the same conversation.
/// </summary>
public sealed partial class EmailNotificationTests : IAsyncLifetime
{
    private const string Customer = "jane.doe@example.com";
    private SimpleSmtpServer _smtp = null!;
    private BotUnderTest _bot = null!;
    private FlakyMarkerStore _store = null!;
    private HttpClient _http = null!;
    private DirectLineClient _client = null!;

    public Task InitializeAsync()
    {
        _smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        _store = new FlakyMarkerStore(new MemoryDocumentStore());
        _bot = new BotUnderTest(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["DirectLine:Secret"] = DirectLineClient.Secret,
            ["Email:Host"] = "127.0.0.1",
            ["Email:Port"] = _smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Tls"] = "None",
            ["Email:From"] = "refunds@shop.example",
            ["Email:LinkBaseUrl"] = "http://localhost",
        }).WithServices(services => services.AddSingleton<IDocumentStore>(_store));
        _http = _bot.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        _client = new DirectLineClient(_http);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _smtp.Dispose();
    }

    [Fact]
    public async Task An_agents_decision_is_emailed_in_the_cases_language_with_a_link_that_reopens_the_same_conversation()
    {
        var (conversationId, token) = await _client.NewConversationAsync(body: new { policy = "smarters-pro", locale = "fr-FR" });
        await _client.StartAsync(conversationId, token);
        await _client.PostMessageAsync(conversationId, token, "bonjour");
        var before = await _client.WaitForActivitiesAsync(conversationId, token, count: 3);
        var record = await DecidedCaseAsync(conversationId, language: "fr");

        await Handler.CarryOutAsync(record, null, default);

        var email = Assert.Single(Received());
        Assert.Equal(Customer, Assert.Single(email.To.Mailboxes).Address);
        Assert.Equal("refunds@shop.example", Assert.Single(email.From.Mailboxes).Address);
        Assert.Equal("Smarters Pro : une décision sur votre dossier RB-TEST0001", email.Subject);
        Assert.Equal("fr", email.Body!.Headers[HeaderId.ContentLanguage]);
        var body = email.TextBody ?? "";
        Assert.Contains("Un membre de notre équipe a pris une décision sur votre dossier RB-TEST0001 : votre remboursement est accepté.", body);
        Assert.Contains("L'équipe d'assistance Smarters Pro", body);
        Assert.DoesNotContain("{", body); // every placeholder filled

        // The link: the page is sent to the chat with the token in the fragment; the page exchanges it.
        var link = new Uri(LinkIn(body));
        var opened = await _http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var location = opened.Headers.Location!.OriginalString;
        Assert.StartsWith("/chat?policy=smarters-pro&locale=fr-FR#resume=", location);
        var resumeToken = Uri.UnescapeDataString(location[(location.IndexOf("#resume=", StringComparison.Ordinal) + "#resume=".Length)..]);

        var exchanged = await DirectLineClient.JsonAsync(await _http.PostAsJsonAsync("/api/chat/resume", new { token = resumeToken }));
        Assert.Equal(conversationId, exchanged.GetProperty("conversationId").GetString());
        Assert.Equal("fr-FR", exchanged.GetProperty("locale").GetString());
        var resumed = exchanged.GetProperty("token").GetString()!;
        // The link is the credential: the token it is exchanged for reads the conversation's earlier activities. (It may equal
        // the page's first token when both were issued in the same second: a token names its conversation, user and expiry.)
        var history = await _client.WaitForActivitiesAsync(conversationId, resumed, count: before.Count);
        Assert.Contains(history, a => a.TryGetProperty("text", out var text) && text.GetString() == "bonjour");
    }

    [Theory]
    [InlineData("en", "A member of our team has decided on your case RB-TEST0001: a partial refund of €25.00 is approved.")]
    [InlineData("fr", "Un membre de notre équipe a pris une décision sur votre dossier RB-TEST0001 : un remboursement partiel de 25,00 € est accepté.")]
    public async Task An_agents_partial_refund_is_emailed_with_its_amount(string language, string expected)
    {
        var (conversationId, token) = await _client.NewConversationAsync();
        await _client.StartAsync(conversationId, token);
        var record = await DecidedCaseAsync(conversationId, language, new AgentDecision("partial", "", "alice", "Alice", DateTimeOffset.UtcNow)
        {
            Amount = 25.00m,
            Currency = "EUR",
            InternalNote = "Weak line confirmed by the ISP.",
        });

        await Handler.CarryOutAsync(record, null, default);

        var body = Assert.Single(Received()).TextBody ?? "";
        Assert.Contains(expected, Spaces().Replace(body, " ")); // French amounts are written with no-break spaces
        Assert.DoesNotContain("Weak line", body);
    }

    [Fact]
    public async Task A_record_carried_out_again_sends_nothing_more_even_when_the_sent_mark_failed_once()
    {
        var (conversationId, token) = await _client.NewConversationAsync();
        await _client.StartAsync(conversationId, token);
        var record = await DecidedCaseAsync(conversationId, language: "en");
        _store.FailNextMarkerWrite = true; // the server accepted the message; recording that fails once

        await Handler.CarryOutAsync(record, null, default);
        await Handler.CarryOutAsync(record, null, default); // the outbox's retry, or a recovery after a restart
        await Handler.CarryOutAsync(record, null, default);

        var email = Assert.Single(Received());
        Assert.Equal("Smarters Pro: a decision on your case RB-TEST0001", email.Subject);
        Assert.Equal("en", email.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("your refund is approved", email.TextBody);
        Assert.False(_store.FailNextMarkerWrite);
    }

    [Fact]
    public async Task A_case_erased_before_its_email_goes_out_is_sent_nothing()
    {
        var (conversationId, token) = await _client.NewConversationAsync();
        await _client.StartAsync(conversationId, token);
        var record = await DecidedCaseAsync(conversationId, language: "en");

        await _bot.Services.GetRequiredService<ConversationEraser>().EraseAsync("directline", conversationId, default);
        await Handler.CarryOutAsync(record, null, default);

        Assert.Empty(Received());
    }

    [Fact]
    public async Task An_expired_or_tampered_link_gets_a_polite_page_and_no_token()
    {
        var (conversationId, token) = await _client.NewConversationAsync();
        await _client.StartAsync(conversationId, token);
        var tokens = _bot.Services.GetRequiredService<ResumeTokens>();
        var expired = tokens.Issue(conversationId, DateTimeOffset.UtcNow.AddMinutes(-1));
        var valid = tokens.Issue(conversationId, DateTimeOffset.UtcNow.AddDays(1));
        var tampered = valid[..^4] + (valid[^4] == 'A' ? 'B' : 'A') + valid[^3..];

        foreach (var refused in new[] { expired, tampered, "not-a-token" })
        {
            var page = await _http.GetAsync($"{ResumeApi.PagePath}?t={Uri.EscapeDataString(refused)}");
            Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("This link has expired", html);
            Assert.Contains("Ce lien a expiré", html);
            Assert.Equal(HttpStatusCode.Gone, (await _http.PostAsJsonAsync("/api/chat/resume", new { token = refused })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/api/chat/resume", new { token = valid })).StatusCode);
    }

    private IOutboxHandler Handler => _bot.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == CaseNotifications.RecordKind);

    /// <summary>A Smarters Pro case of the conversation, approved by an agent, with the customer's address; and the record its decision commits.</summary>
    private async Task<OutboxRecord> DecidedCaseAsync(string conversationId, string language, AgentDecision? decision = null)
    {
        var reference = new ConversationReference("directline", null, new ConversationAccount { Id = conversationId }, null, null, null);
        var now = DateTimeOffset.UtcNow;
        var refundCase = new RefundCase
        {
            Id = "RB-TEST0001",
            ConversationKey = $"directline/conversations/{conversationId}",
            CreatedAt = now,
            Language = language,
            OrderId = "SP-5001",
            PurchaseDate = new DateOnly(2026, 3, 12),
            Reason = "the channels don't load",
            ReasonCategory = "other",
            Reference = reference,
            PolicyId = "smarters-pro",
            ContactEmail = Customer,
        }.TryMove("human-review", CaseActor.Bot, now, "engine: humanReview")!
            .WithAgentDecision(decision ?? new AgentDecision("approve", "", "alice", "Alice", now))!;
        await _bot.Services.GetRequiredService<CaseStore>().SaveAsync(refundCase);
        return new OutboxRecord
        {
            Kind = CaseNotifications.RecordKind,
            ConversationKey = refundCase.ConversationKey,
            Reference = reference,
            Value = JsonSerializer.SerializeToElement(
                new CaseNotifications.Notice(refundCase.Id, CaseNotifications.AgentDecision, $"agent-decision-{refundCase.History.Count}"), ActivityJson.Options),
        };
    }

    private List<MimeMessage> Received() =>
        [.. _smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))];

    private static string LinkIn(string body) => LinkPattern().Match(body) is { Success: true } match
        ? match.Value
        : throw new Xunit.Sdk.XunitException($"no resume link in:\n{body}");

    [GeneratedRegex(@"[^\S\n]")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"http://localhost/chat/resume\?t=\S+")]
    private static partial Regex LinkPattern();

    /// <summary>The bot's store, whose next write of an e-mail's "sent" mark can be made to fail once.</summary>
    private sealed class FlakyMarkerStore(IDocumentStore inner) : DelegatingDocumentStore(inner)
    {
        public bool FailNextMarkerWrite { get; set; }

        public override Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
        {
            if (FailNextMarkerWrite && key.StartsWith(EmailNotificationHandler.MarkerPrefix, StringComparison.Ordinal))
            {
                FailNextMarkerWrite = false;
                throw new IOException("the store is briefly unavailable");
            }

            return Inner.WriteAsync(key, json, expectedETag, cancellationToken);
        }
    }
}
