using Microsoft.Extensions.DependencyInjection;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Storage;

namespace RefundBot.Dialogs.Tests.Cases;

/// <summary>
/// A case id from another conversation is shown only with its order id: what the replies never tell (whether a case
/// exists, for which business) and how many wrong tries a conversation gets.
/// </summary>
public sealed class CaseStatusLookupTests
{
    private const string CaseId = "RB-N52E7WND";
    private const string OtherBusinessCaseId = "RB-7K2M9Q4D";

    private readonly TestBot _bot = new(new MemoryDocumentStore());
    private int _minute;

    public CaseStatusLookupTests()
    {
        var cases = _bot.Services.GetRequiredService<CaseStore>();
        cases.SaveAsync(Case(CaseId, "masecurite")).GetAwaiter().GetResult();
        cases.SaveAsync(Case(OtherBusinessCaseId, "smarters-pro")).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task The_right_case_id_and_order_id_show_the_case()
    {
        await SayAsync("stranger", "hello");
        await SayAsync("stranger", $"status of my case {CaseId}?");

        var shown = await SayAsync("stranger", "MS-1001");

        Assert.StartsWith($"Your case **{CaseId}** for order MS-1001: it is with our support team.", shown[0].Text);
        Assert.StartsWith("What is your order ID?", shown[1].Text); // then the question the lookup interrupted
    }

    [Fact]
    public async Task An_unknown_case_id_another_businesss_case_and_a_wrong_order_id_get_the_same_replies()
    {
        var unknown = await TryAsync("unknown", "RB-ZZZZZZZZ", "MS-1001");
        var wrongOrder = await TryAsync("wrong-order", CaseId, "MS-1002");
        var otherBusiness = await TryAsync("other-business", OtherBusinessCaseId, "MS-1001");

        Assert.Equal(unknown, wrongOrder);
        Assert.Equal(unknown, otherBusiness);
        Assert.Equal(["To show you case **{id}**, I need to check that it's yours: what is the order ID of that case?",
            "I couldn't find a case with that case ID and order ID. Please check both: they are in the messages where the case was recorded."],
            unknown[..2]);
    }

    [Fact]
    public async Task Three_wrong_tries_offer_a_person_and_no_further_try_is_accepted()
    {
        await SayAsync("guesser", "hello");
        Assert.StartsWith("I couldn't find a case", (await SayAsync("guesser", $"case {CaseId} order MS-2001"))[0].Text);
        Assert.StartsWith("I couldn't find a case", (await SayAsync("guesser", $"case {CaseId} order MS-2002"))[0].Text);

        var third = (await SayAsync("guesser", $"case {CaseId} order MS-2003"))[0];
        Assert.StartsWith("I can't check any more case IDs in this conversation.", third.Text);
        Assert.Equal(["Talk to a person"], third.SuggestedActions!.Actions.Select(a => a.Title));

        // The right pair now gets the same answer: nothing more is checked in this conversation.
        Assert.Equal(third.Text, (await SayAsync("guesser", $"case {CaseId} order MS-1001"))[0].Text);
        Assert.Equal(third.Text, (await SayAsync("guesser", "where is my refund?"))[0].Text);

        var handoff = await SayAsync("guesser", "Talk to a person");
        Assert.StartsWith("I'm bringing in a member of our support team.", handoff[0].Text);
    }

    [Fact]
    public async Task A_lookup_never_starts_an_intake_nor_records_anything()
    {
        var replies = await SayAsync("first-message", $"What's the status of my case {CaseId}? I asked earlier today");

        Assert.Equal(2, replies.Count); // the welcome, and the question for the order id
        Assert.Empty(await _bot.Services.GetRequiredService<CaseStore>().ForConversationAsync("test/conversations/first-message"));
        var state = await _bot.Services.GetRequiredService<IDocumentStore>().ReadAsync("test/conversations/first-message");
        Assert.DoesNotContain("refundIntake", state!.Json);
    }

    [Fact]
    public async Task An_agents_approval_is_told_with_their_amount_and_their_timeline_not_the_bots()
    {
        var agentAt = new DateTimeOffset(2026, 3, 24, 9, 0, 0, TimeSpan.Zero);
        await _bot.Services.GetRequiredService<CaseStore>().SaveAsync(Case("RB-AGENT001", "masecurite") with
        {
            Status = CaseStatus.Approved,
            WaitingUntil = null,
            Decision = new CaseDecision("partialRefund", null, [], null, new DateOnly(2026, 4, 8), []),
            AgentDecision = new AgentDecision("partial", "We refund part of it.", "alice", "Alice", agentAt) { Amount = 50m, Currency = "EUR" },
        });

        var shown = (await SayAsync("agent-decided", "status of my case RB-AGENT001 for order MS-1001")).Last().Text!;

        Assert.StartsWith("Your case **RB-AGENT001** for order MS-1001: a member of our team approved the refund. The refund approved is €50.00.", shown);
        Assert.Contains("from the decision on March 24, 2026 is", shown);
        Assert.DoesNotContain("April 8, 2026", shown); // the bot's date, under the agent's decision
        Assert.DoesNotContain("at the latest", shown);
    }

    /// <summary>The replies to a case id then an order id, with the case id typed replaced by {id}.</summary>
    private async Task<string[]> TryAsync(string conversation, string caseId, string orderId)
    {
        await SayAsync(conversation, "hello");
        var replies = (await SayAsync(conversation, $"what's the status of my case {caseId}?"))
            .Concat(await SayAsync(conversation, orderId))
            .Concat(await SayAsync(conversation, $"{caseId} {orderId}"));
        return replies.Select(r => r.Text!.Replace(caseId, "{id}", StringComparison.Ordinal)).ToArray();
    }

    private async Task<IReadOnlyList<Activity>> SayAsync(string conversation, string text) =>
        await _bot.SendAsync(TestBot.Message(conversation, text, _minute++));

    private static RefundCase Case(string id, string policyId) => new()
    {
        Id = id,
        ConversationKey = "test/conversations/the-customers-own",
        CreatedAt = new DateTimeOffset(2026, 3, 19, 9, 0, 0, TimeSpan.Zero),
        Language = "en",
        OrderId = "MS-1001",
        PurchaseDate = new DateOnly(2026, 3, 18),
        Reason = "it doesn't work",
        ReasonCategory = "defective",
        PolicyId = policyId,
        Status = CaseStatus.WaitingForSupport,
        WaitingUntil = new DateTimeOffset(2026, 3, 21, 9, 0, 0, TimeSpan.Zero),
    };
}
