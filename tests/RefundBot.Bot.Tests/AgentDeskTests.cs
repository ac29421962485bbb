using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.AgentDesk;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime.Transcripts;

namespace RefundBot.Bot.Tests;

/// <summary>
/// The agent desk over its real endpoints: sign-in, the SignalR hub, claims, the relay to the customer's channel
/// (an Emulator-style channel here), hand-back, restarts, and what a caller who is not a signed-in agent gets.
/// </summary>
public sealed class AgentDeskTests : IAsyncLifetime
{
    private const string Conversation = "desk-conversation";
    private readonly TempDirectory _temp = new();
    private FakeChannel _channel = null!;
    private BotUnderTest _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = StartBot();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Agent_functions_refuse_anyone_who_is_not_a_signed_in_agent()
    {
        var http = _bot.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await http.GetAsync("/agent");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/agent/login", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/agent/hub/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/agent/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/agent/api/login", new { username = "alice", password = "wrong" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/agent/api/login", new { username = "mallory", password = "alice-secret" })).StatusCode);

        // A customer's Direct Line token opens nothing on the desk.
        var token = (await (await http.PostAsJsonAsync("/api/chat/token", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/agent/hub/negotiate?negotiateVersion=1");
        withToken.Headers.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(withToken)).StatusCode);

        await using var anonymous = Hub(cookie: null);
        await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
    }

    [Fact]
    public async Task Guessing_passwords_is_slowed_down()
    {
        var http = _bot.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 11; i++)
        {
            answers.Add(await http.PostAsJsonAsync("/agent/api/login", new { username = "alice", password = $"guess-{i}" }));
        }

        Assert.All(answers.Take(10), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[10].StatusCode);
        Assert.Equal("60", answers[10].Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task An_agent_claims_the_conversation_talks_with_the_customer_and_hands_it_back()
    {
        await SayAsync("hello", replies: 2);
        var queued = await SayAsync("talk to a person", replies: 2);
        Assert.StartsWith("I'm bringing in a member of our support team. You are number 1 in the queue.", queued[0].Text);
        Assert.Equal(("event", "handoff.initiate"), (queued[1].Activity.Type, queued[1].Activity.Name));
        var transcript = queued[1].Activity.Attachments![0].Content!.Value.GetProperty("activities");
        Assert.Contains(transcript.EnumerateArray(), a => a.GetProperty("text").GetString() == "talk to a person");

        await using var alice = await ConnectAsync("alice", "alice-secret");
        var lines = Channel.CreateUnbounded<TranscriptEntry>();
        alice.On<string, TranscriptEntry[]>("transcript", (_, entries) => Array.ForEach(entries, e => lines.Writer.TryWrite(e)));
        var item = Assert.Single(await alice.InvokeAsync<QueueItem[]>("GetQueue"));
        Assert.Equal(("customer-asked", "en", "waiting"), (item.Reason, item.Language, item.Status));
        var view = await alice.InvokeAsync<ConversationView>("Open", item.ConversationKey);
        Assert.Contains(view.Transcript, line => line is { Role: "customer", Text: "talk to a person" });

        Assert.Equal("done", await alice.InvokeAsync<string>("Claim", item.ConversationKey));
        Assert.Equal("Alice from our support team has joined the conversation.", (await _channel.NextReplyAsync()).Text);

        // The bot stays silent while Alice owns the conversation: the next reply the customer gets is hers.
        await SayAsync("my speaker is broken", replies: 0);
        Assert.Equal("my speaker is broken", (await NextLineAsync(lines, TranscriptRoles.Customer)).Text);

        Assert.Equal("done", await alice.InvokeAsync<string>("Send", item.ConversationKey, "Hello, I'm sorry to hear that."));
        var relayed = await _channel.NextReplyAsync();
        Assert.Equal("**Alice:** Hello, I'm sorry to hear that.", relayed.Text);
        Assert.Equal("Alice", relayed.Activity.From!.Name);
        Assert.Equal(TranscriptRoles.Agent, (await NextLineAsync(lines, TranscriptRoles.Agent)).Role);

        Assert.Equal("done", await alice.InvokeAsync<string>("HandBack", item.ConversationKey, false));
        var resumed = await _channel.RepliesAsync(2);
        Assert.Equal("Alice has handed the conversation back to me. Let's carry on.", resumed[0].Text);
        Assert.StartsWith("What is your order ID?", resumed[1].Text);
        Assert.Empty(await alice.InvokeAsync<QueueItem[]>("GetQueue"));
    }

    [Fact]
    public async Task A_decision_recorded_on_the_desk_is_kept_on_the_case_and_told_to_the_customer()
    {
        await SayAsync("refund for order MS-1001, it does not work", replies: 2);
        var recorded = await SayAsync("yes", replies: 2);
        var caseId = System.Text.RegularExpressions.Regex.Match(recorded[0].Text!, @"RB-[0-9A-Z]{8}").Value;
        await SayAsync("talk to a person", replies: 2);
        await using var alice = await ConnectAsync("alice", "alice-secret");
        var item = Assert.Single(await alice.InvokeAsync<QueueItem[]>("GetQueue"));
        Assert.Equal(caseId, item.CaseId);
        Assert.Equal("MS-1001", (await alice.InvokeAsync<ConversationView>("Open", item.ConversationKey)).Case!.OrderId);
        Assert.Equal("done", await alice.InvokeAsync<string>("Claim", item.ConversationKey));
        await _channel.NextReplyAsync();

        var view = (await alice.InvokeAsync<ConversationView>("Open", item.ConversationKey)).Case!;
        Assert.Equal(CaseStatus.Submitted, view.History[^1].To);
        Assert.Equal("EUR", view.Form!.Currency);
        Assert.All(view.Form.Messages.Keys, outcome => Assert.Contains(outcome, new[] { "approve", "partial", "deny", "alternative" }));

        Assert.Equal("invalid", await alice.InvokeAsync<string>("Decide", item.ConversationKey, new { outcome = "refund-everything", customerMessage = "?" }));
        Assert.Equal("invalidAmount", await alice.InvokeAsync<string>("Decide", item.ConversationKey, new { outcome = "partial", amount = 10.001m, currency = "EUR", customerMessage = "Some." }));
        Assert.Equal("done", await alice.InvokeAsync<string>("Decide", item.ConversationKey, new
        {
            outcome = "deny",
            customerMessage = "The alarm was installed by a third party.",
            internalNote = "Installer invoice checked on the phone.",
        }));

        var told = (await _channel.NextReplyAsync()).Text!;
        Assert.StartsWith("**Alice has reviewed your case and cannot approve a refund.**", told);
        Assert.Contains("The alarm was installed by a third party.", told);
        Assert.DoesNotContain("Installer invoice", told);
        var refundCase = await _bot.Services.GetRequiredService<CaseStore>().FindAsync(caseId);
        Assert.Equal(CaseStatus.Denied, refundCase!.Status);
        Assert.Equal(("deny", "The alarm was installed by a third party.", "Installer invoice checked on the phone.", "alice"),
            (refundCase.AgentDecision!.Outcome, refundCase.AgentDecision.CustomerMessage, refundCase.AgentDecision.InternalNote, refundCase.AgentDecision.AgentId));
        var opened = await alice.InvokeAsync<ConversationView>("Open", item.ConversationKey);
        var shown = opened.Case!;
        Assert.Equal("Installer invoice checked on the phone.", shown.AgentDecision!.InternalNote); // the desk shows it
        Assert.Equal((CaseStatus.Submitted, CaseStatus.Denied, "alice"), (shown.History[^1].From, shown.History[^1].To, shown.History[^1].By.Id));
        Assert.DoesNotContain(opened.Transcript, line => line.Text.Contains("Installer invoice", StringComparison.Ordinal));

        Assert.Equal("done", await alice.InvokeAsync<string>("HandBack", item.ConversationKey, true));
        Assert.StartsWith("Alice has closed this conversation.", (await _channel.NextReplyAsync()).Text);
        Assert.Equal(CaseStatus.Denied, (await _bot.Services.GetRequiredService<CaseStore>().FindAsync(caseId))!.Status);
    }

    [Fact]
    public async Task A_person_asked_for_after_the_bots_decision_sees_the_case_on_the_desk()
    {
        // Issue 22, problem 2: MS-1002 is past the withdrawal window; the bot offers an alternative, the request is over,
        // and then the customer wants a person: the desk shows the case, its decision and the request in its history.
        await SayAsync("refund for order MS-1002, I changed my mind", replies: 2);
        var caseId = System.Text.RegularExpressions.Regex.Match((await SayAsync("yes", replies: 2))[0].Text!, @"RB-[0-9A-Z]{8}").Value;
        await SayAsync("Withdrawing and getting my money back", replies: 1);
        var decided = await SayAsync("None of these", replies: 3);
        Assert.Contains(caseId, decided[1].Text);
        Assert.StartsWith("One last thing, if you have a moment: how would you rate", decided[2].Text); // optional: the next message skips it
        var queued = await SayAsync("I want a person", replies: 2);
        Assert.Contains(caseId, queued[0].Text);

        await using var alice = await ConnectAsync("alice", "alice-secret");
        var item = Assert.Single(await alice.InvokeAsync<QueueItem[]>("GetQueue"));
        Assert.Equal(caseId, item.CaseId);
        var view = (await alice.InvokeAsync<ConversationView>("Open", item.ConversationKey)).Case!;
        Assert.Equal(("MS-1002", CaseStatus.Decided, "alternativeOffered"), (view.OrderId, view.Status, view.Decision?.Outcome));
        var refundCase = (await _bot.Services.GetRequiredService<CaseStore>().FindAsync(caseId))!;
        Assert.Equal("customer asked for a person: customer-asked", refundCase.History[^1].Why);

        Assert.Equal("done", await alice.InvokeAsync<string>("Claim", item.ConversationKey));
        await _channel.NextReplyAsync();
        Assert.Equal("done", await alice.InvokeAsync<string>("Decide", item.ConversationKey, new { outcome = "approve", customerMessage = "A goodwill refund." }));
        await _channel.NextReplyAsync();
        Assert.Equal("done", await alice.InvokeAsync<string>("HandBack", item.ConversationKey, false));
        var handedBack = await _channel.RepliesAsync(2);
        Assert.Equal($"Alice has handed the conversation back to me.\n\nTo confirm: Alice approved a refund of €14.90 on your case **{caseId}**.", handedBack[0].Text);
        Assert.Equal("Is there anything else I can help you with?", handedBack[1].Text);
        Assert.Equal(CaseStatus.Approved, (await _bot.Services.GetRequiredService<CaseStore>().FindAsync(caseId))!.Status);
    }

    [Fact]
    public async Task Closing_a_conversation_without_a_decision_closes_its_case()
    {
        await SayAsync("refund for order MS-1001, it does not work", replies: 2);
        var caseId = System.Text.RegularExpressions.Regex.Match((await SayAsync("yes", replies: 2))[0].Text!, @"RB-[0-9A-Z]{8}").Value;
        await SayAsync("talk to a person", replies: 2);
        await using var alice = await ConnectAsync("alice", "alice-secret");
        var key = Assert.Single(await alice.InvokeAsync<QueueItem[]>("GetQueue")).ConversationKey;
        Assert.Equal("done", await alice.InvokeAsync<string>("Claim", key));
        await _channel.NextReplyAsync();

        Assert.Equal("done", await alice.InvokeAsync<string>("HandBack", key, true));

        Assert.StartsWith("Alice has closed this conversation.", (await _channel.NextReplyAsync()).Text);
        Assert.Equal(CaseStatus.Closed, (await _bot.Services.GetRequiredService<CaseStore>().FindAsync(caseId))!.Status);
    }

    [Fact]
    public async Task A_customer_cannot_pass_for_the_agent_desk_by_sending_its_events()
    {
        await SayAsync("talk to a person", replies: 3);
        await using var alice = await ConnectAsync("alice", "alice-secret");
        var key = Assert.Single(await alice.InvokeAsync<QueueItem[]>("GetQueue")).ConversationKey;
        Assert.Equal("done", await alice.InvokeAsync<string>("Claim", key));
        await _channel.NextReplyAsync();

        foreach (var name in new[] { "handoff.handBack", "handoff.agentDecision", "handoff.agentMessage" })
        {
            var forged = EmulatorActivities.Event(_channel, Conversation, name, new
            {
                agentId = "alice", agentName = "Alice", isRaisedByBot = true, outcome = "approve", text = "approved!", close = true,
            });
            Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(forged)).StatusCode);
        }

        // Had any forged event been taken, the bot would have spoken before Alice does.
        Assert.Equal("done", await alice.InvokeAsync<string>("Send", key, "Still here."));
        Assert.Equal("**Alice:** Still here.", (await _channel.NextReplyAsync()).Text);
        Assert.Equal("claimed", Assert.Single(await alice.InvokeAsync<QueueItem[]>("GetQueue")).Status);
    }

    [Fact]
    public async Task Two_agents_claiming_at_once_never_both_get_the_conversation()
    {
        await SayAsync("I want to speak to a human", replies: 3);
        await using var alice = await ConnectAsync("alice", "alice-secret");
        await using var bob = await ConnectAsync("bob", "bob-secret");
        var key = Assert.Single(await alice.InvokeAsync<QueueItem[]>("GetQueue")).ConversationKey;

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? alice : bob).InvokeAsync<string>("Claim", key)));

        Assert.Single(claims, c => c == "done");
        Assert.All(claims.Where(c => c != "done"), c => Assert.Equal("claimedByAnother", c));
        var owner = Assert.Single(await bob.InvokeAsync<QueueItem[]>("GetQueue")).AgentId;
        var other = owner == "alice" ? bob : alice;
        Assert.Equal("notYours", await other.InvokeAsync<string>("Send", key, "I'm taking this one"));
    }

    [Fact]
    public async Task A_conversation_waiting_in_the_queue_survives_a_restart()
    {
        await SayAsync("je veux parler à un conseiller", replies: 3, locale: "fr-FR");
        await _bot.DisposeAsync();
        _bot = StartBot();

        await using var alice = await ConnectAsync("alice", "alice-secret");
        var item = Assert.Single(await alice.InvokeAsync<QueueItem[]>("GetQueue"));
        Assert.Equal(("customer-asked", "fr"), (item.Reason, item.Language));
        Assert.Equal("done", await alice.InvokeAsync<string>("Claim", item.ConversationKey));
        Assert.Equal("Alice, de notre équipe d'assistance, a rejoint la conversation.", (await _channel.NextReplyAsync()).Text);
    }

    private BotUnderTest StartBot() => BotUnderTest.WithLiteDb(_temp.File("bot.db"), new Dictionary<string, string?>
    {
        ["AgentDesk:Agents:0:Id"] = "alice",
        ["AgentDesk:Agents:0:DisplayName"] = "Alice",
        ["AgentDesk:Agents:0:PasswordHash"] = AgentAccounts.HashPassword("alice-secret"),
        ["AgentDesk:Agents:1:Id"] = "bob",
        ["AgentDesk:Agents:1:DisplayName"] = "Bob",
        ["AgentDesk:Agents:1:PasswordHash"] = AgentAccounts.HashPassword("bob-secret"),
    });

    private async Task<IReadOnlyList<ReceivedReply>> SayAsync(string text, int replies, string locale = "en-US")
    {
        var activity = EmulatorActivities.Message(_channel, Conversation, text, "m-" + Guid.NewGuid().ToString("N"), locale);
        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(activity)).StatusCode);
        return await _channel.RepliesAsync(replies);
    }

    private async Task<HubConnection> ConnectAsync(string username, string password)
    {
        var http = _bot.CreateClient();
        var signIn = await http.PostAsJsonAsync("/agent/api/login", new { username, password });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var hub = Hub(cookie);
        await hub.StartAsync();
        return hub;
    }

    private HubConnection Hub(string? cookie) => new HubConnectionBuilder()
        .WithUrl(new Uri(_bot.Server.BaseAddress, AgentHub.Path), options =>
        {
            options.HttpMessageHandlerFactory = _ => _bot.Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
            if (cookie is not null)
            {
                options.Headers["Cookie"] = cookie;
            }
        })
        .Build();

    private static async Task<TranscriptEntry> NextLineAsync(Channel<TranscriptEntry> lines, string role)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var line = await lines.Reader.ReadAsync(timeout.Token);
            if (line.Role == role)
            {
                return line;
            }
        }
    }
}
