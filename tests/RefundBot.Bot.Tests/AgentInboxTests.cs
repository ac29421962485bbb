using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Bot.AgentDesk;
using RefundBot.Bot.AgentDesk.Inbox;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.Tests;

/// <summary>
/// The desk's inbox over the real hub, with two agents: views, search (case id, order id, e-mail, words), filters, the
/// waiting target, internal notes the customer never receives, closed conversations found in "recently closed", canned
/// replies in the customer's language, and the agent's typing.
/// </summary>
public sealed class AgentInboxTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
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
            ["AgentDesk:Agents:1:Id"] = "bob",
            ["AgentDesk:Agents:1:DisplayName"] = "Bob",
            ["AgentDesk:Agents:1:PasswordHash"] = AgentAccounts.HashPassword("bob-secret"),
        }).WithServices(services => services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Views_search_and_filters_find_each_conversation_by_its_case_order_e_mail_or_words()
    {
        var caseId = await QueueWithCaseAsync("english", "refund for order MS-1001, it does not work");
        await SayAsync("french", "je veux parler à un conseiller", replies: 3, "fr-FR");
        var cases = _bot.Services.GetRequiredService<CaseStore>();
        await cases.SaveAsync((await cases.FindAsync(caseId))! with { ContactEmail = "jane.doe@example.com" });
        await using var alice = await ConnectAsync("alice", "alice-secret");
        await using var bob = await ConnectAsync("bob", "bob-secret");

        var open = await InboxAsync(alice, new InboxQuery(InboxViews.Open));
        Assert.Equal(2, open.Length);
        var english = Assert.Single(open, c => c.Language == "en");
        Assert.Equal((caseId, "MS-1001", "waiting", 15), (english.CaseId, english.OrderId, english.Status, english.TargetWaitMinutes));
        Assert.Equal("bot", english.LastMessageRole);
        Assert.StartsWith("I'm bringing in a member of our support team", english.LastMessage);
        Assert.False(english.PastTarget);

        Assert.Equal([caseId], Cases(await InboxAsync(alice, new InboxQuery(Search: caseId.ToLowerInvariant()))));
        Assert.Equal([caseId], Cases(await InboxAsync(alice, new InboxQuery(Search: " ms-1001 "))));
        Assert.Equal([caseId], Cases(await InboxAsync(alice, new InboxQuery(Search: "Jane.Doe@example.com"))));
        Assert.Empty(await InboxAsync(alice, new InboxQuery(Search: "@example.com"))); // an address matches whole, never in part
        Assert.Equal(["fr"], Languages(await InboxAsync(alice, new InboxQuery(Search: "CONSEILLER"))));
        Assert.Equal(["fr"], Languages(await InboxAsync(alice, new InboxQuery(Language: "fr"))));
        Assert.Equal(["en"], Languages(await InboxAsync(alice, new InboxQuery(Channel: "emulator", Language: "EN", PolicyId: "masecurite"))));
        Assert.Empty(await InboxAsync(alice, new InboxQuery(Channel: "msteams")));
        Assert.Equal(2, (await InboxAsync(alice, new InboxQuery(Reason: "customer-asked"))).Length);
        Assert.Empty(await InboxAsync(alice, new InboxQuery(Reason: "human-review")));

        Assert.Equal("done", await alice.InvokeAsync<string>("Claim", english.ConversationKey));
        await _channel.NextReplyAsync();
        Assert.Equal(["fr"], Languages(await InboxAsync(bob, new InboxQuery(InboxViews.Unassigned))));
        Assert.Equal([caseId], Cases(await InboxAsync(alice, new InboxQuery(InboxViews.Mine))));
        Assert.Empty(await InboxAsync(bob, new InboxQuery(InboxViews.Mine)));
        Assert.Equal(2, (await InboxAsync(bob, new InboxQuery(InboxViews.Open))).Length);
    }

    [Fact]
    public async Task A_conversation_waiting_past_its_business_target_is_marked_and_found_by_its_waiting_time()
    {
        await SayAsync("waiting", "talk to a person", replies: 3);
        await using var alice = await ConnectAsync("alice", "alice-secret");
        Assert.Empty(await InboxAsync(alice, new InboxQuery(MinWaitMinutes: 15)));

        _clock.Advance(TimeSpan.FromMinutes(16)); // MaSécurité's desk.yaml: 15 minutes

        var card = Assert.Single(await InboxAsync(alice, new InboxQuery(MinWaitMinutes: 15)));
        Assert.True(card.PastTarget);
        Assert.Equal(15, card.TargetWaitMinutes);
        Assert.Empty(await InboxAsync(alice, new InboxQuery(MinWaitMinutes: 30)));
    }

    [Fact]
    public async Task A_team_note_stays_on_the_desk_never_reaches_the_customer_and_goes_with_the_closed_conversation()
    {
        var caseId = await QueueWithCaseAsync("noted", "refund for order MS-1001, it does not work");
        await using var alice = await ConnectAsync("alice", "alice-secret");
        await using var bob = await ConnectAsync("bob", "bob-secret");
        var key = Assert.Single(await InboxAsync(alice, new InboxQuery())).ConversationKey;
        Assert.Equal("done", await alice.InvokeAsync<string>("Claim", key));
        await _channel.NextReplyAsync();
        _channel.DrainReplies();

        // Bob does not own the conversation and may still leave a note for Alice.
        Assert.Equal("done", await bob.InvokeAsync<string>("AddNote", key, "Customer called the hotline twice, ticket HL-778."));
        Assert.Equal("invalid", await bob.InvokeAsync<string>("AddNote", key, "   "));
        Assert.Equal("notInQueue", await bob.InvokeAsync<string>("AddNote", "emulator/conversations/nobody", "A note."));

        await Task.Delay(500);
        Assert.False(_channel.HasPendingReply); // the note's turn sent the customer nothing
        var note = Assert.Single(await alice.InvokeAsync<InternalNote[]>("GetNotes", key));
        Assert.Equal(("bob", "Bob", "Customer called the hotline twice, ticket HL-778."), (note.AgentId, note.AgentName, note.Text));
        Assert.DoesNotContain((await alice.InvokeAsync<ConversationView>("Open", key)).Transcript, l => l.Text.Contains("HL-778", StringComparison.Ordinal));
        Assert.Equal([caseId], Cases(await InboxAsync(alice, new InboxQuery(Search: "hotline twice"))));

        Assert.Equal("done", await alice.InvokeAsync<string>("HandBack", key, true));
        var closing = await _channel.NextReplyAsync();
        Assert.DoesNotContain("HL-778", closing.Text);
        Assert.Empty(await InboxAsync(alice, new InboxQuery()));

        var closed = Assert.Single(await InboxAsync(bob, new InboxQuery(InboxViews.Closed, Search: caseId)));
        Assert.Equal(("closed", ClosedHandoffKinds.Closed, "Alice", 1), (closed.Status, closed.ClosedKind, closed.ClosedByName, closed.Notes));
        var reopened = (await bob.InvokeAsync<ClosedConversationView>("OpenClosed", closed.Id))!;
        Assert.Equal("HL-778", Regex.Match(Assert.Single(reopened.Notes).Text, "HL-778").Value);
        Assert.Equal(("closed", caseId), (reopened.View.Ticket.Status, reopened.View.Case!.Id));
        Assert.Null(await bob.InvokeAsync<ClosedConversationView?>("OpenClosed", "handoffs/" + key)); // only closed records open this way
        Assert.Equal("notInQueue", await bob.InvokeAsync<string>("AddNote", key, "Too late."));
    }

    [Fact]
    public async Task Canned_replies_come_from_the_policy_in_the_customers_language()
    {
        await SayAsync("fr", "je veux parler à un conseiller", replies: 3, "fr-FR");
        await using var alice = await ConnectAsync("alice", "alice-secret");
        var key = Assert.Single(await InboxAsync(alice, new InboxQuery())).ConversationKey;

        var replies = await alice.InvokeAsync<CannedReplyView[]>("GetCannedReplies", key);

        var policy = _bot.Services.GetRequiredService<PolicyCatalog>().Get("masecurite");
        Assert.Equal(policy.CannedReplies.Select(r => (r.Id, r.Title["fr"], r.Text["fr"], "fr")), replies.Select(r => (r.Id, r.Title, r.Text, r.Language)));
        Assert.Contains(replies, r => r.Text.Contains("14\u00A0jours ouvrés", StringComparison.Ordinal));
        Assert.Empty(await alice.InvokeAsync<CannedReplyView[]>("GetCannedReplies", "emulator/conversations/nobody"));
    }

    [Fact]
    public async Task Only_the_owner_types_and_a_channel_without_typing_shows_nothing()
    {
        await SayAsync("typing", "talk to a person", replies: 3);
        await using var alice = await ConnectAsync("alice", "alice-secret");
        await using var bob = await ConnectAsync("bob", "bob-secret");
        var key = Assert.Single(await InboxAsync(alice, new InboxQuery())).ConversationKey;
        Assert.Equal("notYours", await alice.InvokeAsync<string>("Typing", key));
        Assert.Equal("done", await alice.InvokeAsync<string>("Claim", key));
        await _channel.NextReplyAsync();

        Assert.Equal("notYours", await bob.InvokeAsync<string>("Typing", key));
        Assert.Equal("notShown", await alice.InvokeAsync<string>("Typing", key)); // the Emulator's channel: Web Chat's is in the browser tests
        await Task.Delay(300);
        Assert.False(_channel.HasPendingReply);
    }

    private async Task<string> QueueWithCaseAsync(string conversation, string request)
    {
        await SayAsync(conversation, request, replies: 2);
        var caseId = Regex.Match((await SayAsync(conversation, "yes", replies: 2))[0].Text!, @"RB-[0-9A-Z]{8}").Value;
        await SayAsync(conversation, "talk to a person", replies: 2);
        return caseId;
    }

    private static async Task<InboxCard[]> InboxAsync(HubConnection agent, InboxQuery query) =>
        await agent.InvokeAsync<InboxCard[]>("GetInbox", query);

    private static string[] Cases(IEnumerable<InboxCard> cards) => [.. cards.Select(c => c.CaseId ?? "(none)")];

    private static string[] Languages(IEnumerable<InboxCard> cards) => [.. cards.Select(c => c.Language)];

    private async Task<IReadOnlyList<ReceivedReply>> SayAsync(string conversation, string text, int replies, string locale = "en-US")
    {
        var activity = EmulatorActivities.Message(_channel, conversation, text, "m-" + Guid.NewGuid().ToString("N"), locale, _clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.Accepted, (await _bot.PostAsync(activity)).StatusCode);
        return await _channel.RepliesAsync(replies);
    }

    private async Task<HubConnection> ConnectAsync(string username, string password)
    {
        var http = _bot.CreateClient();
        var signIn = await http.PostAsJsonAsync("/agent/api/login", new { username, password });
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
