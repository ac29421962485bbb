using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.AgentDesk;
using RefundBot.Bot.Storage;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Bot.Tests;

/// <summary>
/// The desk's list of refunds waiting for their facts to be checked (issue 22, problem 7), over the real hub: the list
/// is read through the index by status, a case opens with its facts, their sources and those to check, and each check
/// is a turn of the customer's conversation that tells them, in their language, when it settles the case.
/// </summary>
public sealed class VerificationDeskTests : IAsyncLifetime
{
    private const string Conversation = "desk-verification";
    private static readonly DateTimeOffset Asked = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
        {
            ["AgentDesk:Agents:0:Id"] = "alice",
            ["AgentDesk:Agents:0:DisplayName"] = "Alice",
            ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("alice-secret"),
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_desk_lists_the_cases_to_verify_and_the_last_check_tells_the_customer_in_french_that_the_refund_stands()
    {
        var cases = _bot.Services.GetRequiredService<CaseStore>();
        await cases.SaveAsync(Awaiting("RB-VERIFY02", Asked.AddHours(1)));
        await cases.SaveAsync(Awaiting("RB-VERIFY01", Asked));
        await cases.SaveAsync(Awaiting("RB-DECIDED1", Asked) with { Status = CaseStatus.Decided });
        await using var alice = await ConnectAsync();

        var listed = await alice.InvokeAsync<VerificationItem[]>("GetVerifications");
        Assert.Equal(["RB-VERIFY01", "RB-VERIFY02"], listed.Select(i => i.CaseId)); // the longest waiting first; no decided case
        Assert.Equal((79m, "EUR", "Seven-Day Services"), (listed[0].Refund, listed[0].Currency, listed[0].Business));
        Assert.Equal(["Amount paid", "Purchase date", "Purchase type"], listed[0].ToVerify);

        var opened = (await alice.InvokeAsync<CaseView?>("OpenVerification", "RB-VERIFY01"))!;
        Assert.Equal(["amount_paid", "purchase_date", "purchase_type"], opened.Facts.Where(f => f.NeedsVerification).Select(f => f.Id).Order());
        var kind = opened.Facts.Single(f => f.Id == "purchase_type");
        Assert.Equal(("Purchase type", "one-time", "choice", FactSource.Customer), (kind.Label, kind.Raw, kind.Type, kind.Source.Source));
        Assert.Contains(kind.Choices!, c => c.Id == "other");
        Assert.Null(await alice.InvokeAsync<CaseView?>("OpenVerification", "RB-DECIDED1"));

        Assert.Equal("invalid", await alice.InvokeAsync<string>("VerifyFact", "RB-VERIFY01", "amount_paid", "seventy-nine"));
        Assert.Equal("done", await alice.InvokeAsync<string>("VerifyFact", "RB-VERIFY01", "amount_paid", null));
        Assert.Equal("done", await alice.InvokeAsync<string>("VerifyFact", "RB-VERIFY01", "purchase_date", ""));
        Assert.Equal("done", await alice.InvokeAsync<string>("VerifyFact", "RB-VERIFY01", "purchase_type", null));

        var told = (await _channel.NextReplyAsync(TimeSpan.FromSeconds(15))).Text!;
        Assert.StartsWith("**Notre équipe a vérifié votre commande\u00a0: votre remboursement est confirmé.**", told);
        Assert.Matches(@"Montant remboursé\s:\s79,00\s€", told);
        Assert.EndsWith("C'est enregistré dans votre dossier **RB-VERIFY01**.", told);
        Assert.Equal(CaseStatus.Decided, (await cases.FindAsync("RB-VERIFY01"))!.Status);
        Assert.Equal(["RB-VERIFY02"], (await alice.InvokeAsync<VerificationItem[]>("GetVerifications")).Select(i => i.CaseId));
    }

    [Fact]
    public async Task A_verification_event_a_channel_sends_is_not_the_desks_and_changes_nothing()
    {
        var cases = _bot.Services.GetRequiredService<CaseStore>();
        await cases.SaveAsync(Awaiting("RB-VERIFY01", Asked));

        var forged = EmulatorActivities.Event(_channel, Conversation, "refundbot.factVerified",
            new { caseId = "RB-VERIFY01", factId = "amount_paid", agentId = "alice", agentName = "Alice" });
        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(forged)).StatusCode);
        await Task.Delay(500);

        Assert.Equal(FactSource.Customer, (await cases.FindAsync("RB-VERIFY01"))!.SourceOf("amount_paid").Source);
    }

    /// <summary>A case saved before the index by status existed is listed once the store is opened with it.</summary>
    [Fact]
    public async Task A_case_saved_before_the_status_index_existed_is_listed()
    {
        var file = _temp.File("older.db");
        var json = System.Text.Json.JsonSerializer.Serialize(Awaiting("RB-OLDCASE1", Asked), ActivityJson.Options);
        using (var older = new LiteDbDocumentStore(file, [.. DocumentIndexes.All.Where(i => i != DocumentIndexes.CasesByStatus)]))
        {
            await ((IDocumentStore)older).WriteAsync("cases/RB-OLDCASE1", json, null);
        }

        using var opened = new LiteDbDocumentStore(file);
        var cases = new CaseStore(opened, Microsoft.Extensions.Logging.Abstractions.NullLogger<CaseStore>.Instance);

        Assert.Equal(["RB-OLDCASE1"], (await cases.AwaitingVerificationAsync(10)).Select(c => c.Id));
    }

    private RefundCase Awaiting(string id, DateTimeOffset asked) => new()
    {
        Id = id, ConversationKey = $"emulator/conversations/{Conversation}", CreatedAt = asked, RequestedAt = asked, Language = "fr",
        Reference = new ConversationReference("emulator", _channel.ServiceUrl, new ConversationAccount { Id = Conversation },
            new ChannelAccount { Id = "user-1", Role = "user" }, new ChannelAccount { Id = "bot-1", Role = "bot" }, "fr-FR"),
        OrderId = "SD-9079", PurchaseDate = new DateOnly(2026, 3, 18), Reason = "le service ne marche pas", ReasonCategory = "technical_problem",
        Status = CaseStatus.AwaitingVerification, PolicyId = "seven-day-services",
        Facts = new Dictionary<string, string> { ["amount_paid"] = "79", ["purchase_date"] = "2026-03-18", ["purchase_type"] = "one-time", ["proof_of_purchase"] = "verified:" + new string('a', 64) },
        FactSources = new Dictionary<string, FactSource> { ["proof_of_purchase"] = new(FactSource.Agent, asked, "alice", "Alice") }, // the receipt was accepted
        Decision = new CaseDecision("fullRefund", "one-time-purchase", ["one-time-purchases"],
            new RefundBot.Eligibility.Model.RefundBreakdown("EUR", 79m, 0m, 0m, 0m, 79m, []), null, []),
        History = [new CaseEvent(asked, CaseActor.Bot, CaseStatus.Submitted, CaseStatus.AwaitingVerification, "engine: fullRefund")],
    };

    private async Task<HubConnection> ConnectAsync()
    {
        var http = _bot.CreateClient();
        var signIn = await http.PostAsJsonAsync("/agent/api/login", new { username = "alice", password = "alice-secret" });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_bot.Server.BaseAddress, AgentHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => _bot.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.Headers["Cookie"] = cookie;
            })
            .Build();
        await hub.StartAsync();
        return hub;
    }
}
