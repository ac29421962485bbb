using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;
using RefundBot.Dialogs.Tests.Transcripts;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Dialogs.Tests.Handoff;

/// <summary>
/// What the transcripts of an agent's decision (150, 151, 72) cannot show: where the internal note is kept, that the
/// decision is written by its turn and by nothing else, a case that became final meanwhile, old stored decisions,
/// and the form's checks as a table.
/// </summary>
public sealed class AgentDecisionTests
{
    private const string InternalNote = "refused help because of a bad call last month";
    private static readonly AgentIdentity Alice = new("alice", "Alice");

    [Fact]
    public async Task The_internal_note_is_kept_on_the_case_and_nowhere_the_customer_reads()
    {
        var store = new MemoryDocumentStore();
        await PlayAsync(new TranscriptRunner(store), "150-agent-decides-a-partial-refund.transcript");

        var holding = (await store.ListAsync("")).Where(d => d.Json.Contains(InternalNote, StringComparison.Ordinal)).Select(d => d.Key).ToList();

        var key = Assert.Single(holding); // not the conversation's state, its transcript, an outbox record or a reply
        Assert.StartsWith("cases/", key);
        var decided = JsonSerializer.Deserialize<RefundCase>((await store.ReadAsync(key))!.Json, ActivityJson.Options)!;
        Assert.Equal((CaseStatus.Approved, AgentOutcomes.Partial, 30.00m, "EUR"),
            (decided.Status, decided.AgentDecision!.Outcome, decided.AgentDecision.Amount, decided.AgentDecision.Currency));
        Assert.Equal((CaseActor.Agent("alice", "Alice"), CaseStatus.Approved), (decided.History[^1].By, decided.History[^1].To));
        // The scan does read the customer's transcript: the decision's message to the customer is in it.
        Assert.Contains(await store.ListAsync(""), d => !d.Key.StartsWith("cases/", StringComparison.Ordinal) && d.Json.Contains("gesture of goodwill", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_decision_whose_turn_does_not_run_is_not_recorded()
    {
        var store = new MemoryDocumentStore();
        var refusing = new RefusingDecisions(_ => Task.CompletedTask);
        var runner = new TranscriptRunner(store, services => services.AddSingleton<ITurnEntrance>(sp =>
            refusing.Around(new DirectTurnEntrance(sp.GetRequiredService<TurnProcessor>()))));
        await PlayAsync(runner, "150-agent-decides-a-partial-refund.transcript", untilLine: "@agent decide partial 60.00");
        var before = await CaseAsync(runner);

        refusing.Refuse = true;
        var (result, told) = await runner.Bot.DeskAsync(desk => desk.DecideAsync(runner.ConversationKey, Alice, Partial(), default));

        Assert.Equal(DeskResult.NotDone, result);
        Assert.Empty(told);
        Assert.Equal(JsonSerializer.Serialize(before, ActivityJson.Options), JsonSerializer.Serialize(await CaseAsync(runner), ActivityJson.Options));
    }

    [Fact]
    public async Task A_case_that_became_final_before_the_decision_turn_refuses_it_and_the_customer_is_told_nothing()
    {
        var store = new MemoryDocumentStore();
        var refunded = new RefusingDecisions(async services =>
        {
            // Meanwhile, the payment side refunds the case (a move the lifecycle allows from the bot's decision).
            var cases = services.GetRequiredService<CaseStore>();
            var open = (await cases.ForConversationAsync("test/conversations/transcript-conversation"))[0];
            var decided = open.TryMove(CaseStatus.Decided, CaseActor.Bot, DateTimeOffset.UnixEpoch, "engine: fullRefund")!;
            await cases.SaveAsync(decided.TryMove(CaseStatus.Refunded, CaseActor.System, DateTimeOffset.UnixEpoch, "payment done")!);
        });
        IServiceProvider? provider = null;
        var runner = new TranscriptRunner(store, services => services.AddSingleton<ITurnEntrance>(sp =>
        {
            provider = sp;
            return refunded.Around(new DirectTurnEntrance(sp.GetRequiredService<TurnProcessor>()), () => provider!);
        }));
        await PlayAsync(runner, "150-agent-decides-a-partial-refund.transcript", untilLine: "@agent decide partial 60.00");

        refunded.RaceFirst = true;
        var (result, told) = await runner.Bot.DeskAsync(desk => desk.DecideAsync(runner.ConversationKey, Alice, Partial(), default));

        Assert.Equal(DeskResult.CaseFinal, result);
        Assert.Empty(told);
        var refundCase = await CaseAsync(runner);
        Assert.Equal((CaseStatus.Refunded, null), (refundCase.Status, refundCase.AgentDecision));

        (result, told) = await runner.Bot.DeskAsync(desk => desk.DecideAsync(runner.ConversationKey, Alice, Partial(), default));
        Assert.Equal((DeskResult.CaseFinal, 0), (result, told.Count)); // found final before any turn runs
    }

    /// <summary>Issue 22's "escalate after a denial": "I disagree" after the bot denied brings a person with the case, who refunds part of it.</summary>
    [Fact]
    public async Task After_a_denial_the_customer_asks_for_a_person_and_the_agent_refunds_part_of_it()
    {
        var text = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Transcripts", "150-agent-decides-a-partial-refund.transcript")))
            .Replace("user: I don't want technical help, I want to talk to a person\nbot~ ^I'm bringing in a member of our support team to decide on case\n",
                "user: I don't want technical help\nbot~ (?s)^\\*\\*I'm sorry: under the refund policy, this purchase cannot be refunded\\.\\*\\*\n"
                + "bot~ ^This decision is recorded on your case\nuser: I disagree with the decision\nbot~ ^I'm bringing in a member of our support team\n",
                StringComparison.Ordinal);
        Assert.Contains("I disagree", text);
        await new TranscriptRunner().RunAsync(Transcript.Parse("after-a-denial", text));
    }

    [Fact]
    public void A_decision_stored_before_the_message_and_the_internal_note_were_apart_still_reads_as_the_message()
    {
        const string stored = """{"outcome":"approve","note":"Full refund as a gesture.","agentId":"alice","agentName":"Alice","at":"2026-03-20T10:00:00+00:00"}""";

        var decision = JsonSerializer.Deserialize<AgentDecision>(stored, ActivityJson.Options)!;

        Assert.Equal(("approve", "Full refund as a gesture.", "", null), (decision.Outcome, decision.CustomerMessage, decision.InternalNote, decision.Amount));
        Assert.DoesNotContain("\"note\"", JsonSerializer.Serialize(decision, ActivityJson.Options));
    }

    public static TheoryData<string, string?, string?, string, DeskResult> Requests() => new()
    {
        // outcome, amount, currency, message: the case paid 59.99 EUR
        { "partial", "30.00", "EUR", "Half.", DeskResult.Done },
        { "partial", "59.99", "eur", "All of it, as a partial.", DeskResult.Done },
        { "partial", "60.00", "EUR", "More than paid.", DeskResult.InvalidAmount },
        { "partial", "0", "EUR", "Nothing.", DeskResult.InvalidAmount },
        { "partial", "-5", "EUR", "Less than nothing.", DeskResult.InvalidAmount },
        { "partial", "29.995", "EUR", "A third decimal.", DeskResult.InvalidAmount },
        { "partial", "30.00", "USD", "Not the policy's currency.", DeskResult.InvalidAmount },
        { "partial", null, "EUR", "No amount.", DeskResult.InvalidAmount },
        { "partial", "30.00", "EUR", "  ", DeskResult.Invalid },
        { "approve", null, null, "All of it.", DeskResult.Done },
        { "deny", null, null, "No.", DeskResult.Done },
        { "alternative", null, null, "A credit.", DeskResult.Done },
        { "refund-everything", null, null, "?", DeskResult.Invalid },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void The_decision_form_is_checked_against_the_case_and_its_policy(string outcome, string? amount, string? currency, string message, DeskResult expected)
    {
        var policy = PolicyLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "policy-content")).Get("smarters-pro");
        var refundCase = new RefundCase
        {
            Id = "RB-TEST0001", ConversationKey = "test/conversations/c", CreatedAt = DateTimeOffset.UnixEpoch, Language = "en",
            OrderId = "SP-5001", PurchaseDate = new DateOnly(2026, 3, 12), Reason = "changed my mind", ReasonCategory = "other",
            PolicyId = "smarters-pro", Facts = new Dictionary<string, string> { ["amount_paid"] = "59.99" },
        };
        var request = new AgentDecisionRequest(outcome, amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency, message);

        var decision = request.Check(refundCase, policy, Alice, DateTimeOffset.UnixEpoch, out var result);

        Assert.Equal(expected, result);
        Assert.Equal(expected == DeskResult.Done, decision is not null);
        if (outcome == "approve")
        {
            Assert.Equal((59.99m, "EUR"), (decision!.Amount, decision.Currency)); // in full: what was paid
        }
    }

    private static AgentDecisionRequest Partial() => new("partial", 30.00m, "EUR", "We refund half of your subscription.", InternalNote);

    private static async Task<RefundCase> CaseAsync(TranscriptRunner runner) =>
        (await runner.Bot.Services.GetRequiredService<CaseStore>().ForConversationAsync(runner.ConversationKey))[0];

    /// <summary>Plays a transcript of this folder, whole or up to (not including) the first line that starts with <paramref name="untilLine"/>.</summary>
    private static async Task PlayAsync(TranscriptRunner runner, string file, string? untilLine = null)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Transcripts", file));
        if (untilLine is not null)
        {
            text = text[..text.IndexOf("\n" + untilLine, StringComparison.Ordinal)];
        }

        await runner.RunAsync(Transcript.Parse(file, text));
    }

    /// <summary>An entrance that, for the agent's decision event, does not run the turn, or first lets something else happen.</summary>
    private sealed class RefusingDecisions(Func<IServiceProvider, Task> meanwhile)
    {
        private ITurnEntrance _inner = null!;
        private Func<IServiceProvider>? _services;

        public bool Refuse { get; set; }

        public bool RaceFirst { get; set; }

        public ITurnEntrance Around(ITurnEntrance inner, Func<IServiceProvider>? services = null)
        {
            (_inner, _services) = (inner, services);
            return new Entrance(this);
        }

        private async Task<bool> RunAsync(Activity activity, IReplyDelivery delivery, CancellationToken cancellationToken)
        {
            if (activity.Name == HandoffEvents.AgentDecision && Refuse)
            {
                return false;
            }

            if (activity.Name == HandoffEvents.AgentDecision && RaceFirst)
            {
                await meanwhile(_services!());
            }

            return await _inner.RunAsync(activity, delivery, cancellationToken);
        }

        private sealed class Entrance(RefusingDecisions owner) : ITurnEntrance
        {
            public Task<bool> RunAsync(Activity activity, IReplyDelivery delivery, CancellationToken cancellationToken) =>
                owner.RunAsync(activity, delivery, cancellationToken);
        }
    }
}
